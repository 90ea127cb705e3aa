export const id = 254;
export const ids = [254];
export const modules = {

/***/ 6254:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MessageSignatureV03BundleBuilder: () => (/* binding */ MessageSignatureV03BundleBuilder)
/* harmony export */ });
/* harmony import */ var _sigstore_bundle__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1040);
/* harmony import */ var _sigstore_sign__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5179);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_2__);
// @sigstore/sign's MessageSignatureBundleBuilder packs a v0.2 bundle (certificate *chain*); cosign
// v3 and current verifiers expect v0.3 (a single leaf certificate or a public key). The library
// exposes the packing step as a protected method and @sigstore/bundle builds v0.3 when asked, so
// only that step is replaced here: signing and witnessing stay the library's.



/** Signs a message and returns a Sigstore bundle v0.3 (`application/vnd.dev.sigstore.bundle.v0.3+json`). */
class MessageSignatureV03BundleBuilder extends _sigstore_sign__WEBPACK_IMPORTED_MODULE_1__/* .MessageSignatureBundleBuilder */ .z3 {
    async package(artifact, signature) {
        const key = signature.key;
        return (0,_sigstore_bundle__WEBPACK_IMPORTED_MODULE_0__.toMessageSignatureBundle)({
            digest: (0,node_crypto__WEBPACK_IMPORTED_MODULE_2__.createHash)('sha256').update(artifact.data).digest(),
            signature: signature.signature,
            certificate: key.$case === 'x509Certificate'
                ? Buffer.from(new node_crypto__WEBPACK_IMPORTED_MODULE_2__.X509Certificate(key.certificate).raw)
                : undefined,
            keyHint: key.$case === 'publicKey' ? key.hint : undefined,
            certificateChain: false,
        });
    }
}


/***/ })

};
