export const id = 934;
export const ids = [934];
export const modules = {

/***/ 4934:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DSSEV03BundleBuilder: () => (/* binding */ DSSEV03BundleBuilder)
/* harmony export */ });
/* harmony import */ var _sigstore_sign__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5179);

/** Signs an artifact as a DSSE envelope and returns a Sigstore bundle v0.3 as cosign v3 makes it. */
class DSSEV03BundleBuilder extends _sigstore_sign__WEBPACK_IMPORTED_MODULE_0__/* .DSSEBundleBuilder */ .VV {
    async package(artifact, signature) {
        const bundle = await super.package(artifact, signature);
        for (const s of bundle.content.dsseEnvelope.signatures)
            s.keyid = '';
        return bundle;
    }
}


/***/ })

};
