// referrers-registry: a small OCI 1.1 registry for the end-to-end tests, the stand-in for the
// referrers-API registries users push to (Docker Hub, ECR, ACR, GAR, Harbor, Quay, Zot). Zot's
// module is not served by the module proxy these machines use, so this is our own test peer:
// go-containerregistry's pkg/registry (in memory, the OCI 1.1 referrers API at
// GET /v2/<name>/referrers/<digest>) behind Basic auth, plus the two things that registry leaves
// out and real ones do:
//   - `OCI-Subject: <digest>` on a manifest PUT whose body has a `subject` (distribution-spec
//     v1.1.0, "Pushing Manifests with Subject"); -oci-subject=false turns it off, which is how
//     go-containerregistry's own registry answers (clients must then probe the API);
//   - a referrer's `artifactType` is the manifest's own `artifactType` when it has one, else its
//     config media type (distribution-spec v1.1.0, "Listing Referrers"); ggcr lists only the
//     config media type, which for a cosign bundle is application/vnd.oci.empty.v1+json.
//
// It listens on 127.0.0.1 only and keeps everything in memory: a restart is a fresh registry.
package main

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"

	"github.com/google/go-containerregistry/pkg/registry"
)

type subjectWriter struct {
	http.ResponseWriter
	subject string
	wrote   bool
}

func (w *subjectWriter) WriteHeader(status int) {
	if !w.wrote && status == http.StatusCreated && w.subject != "" {
		w.Header().Set("OCI-Subject", w.subject)
	}
	w.wrote = true
	w.ResponseWriter.WriteHeader(status)
}

func (w *subjectWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// captureWriter buffers a response so the referrers list can be corrected before it is sent.
type captureWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (c *captureWriter) Header() http.Header         { return c.header }
func (c *captureWriter) WriteHeader(status int)      { c.status = status }
func (c *captureWriter) Write(b []byte) (int, error) { return c.body.Write(b) }

type descriptor = map[string]any

// artifactTypes remembers each referrer manifest's own artifactType, by digest.
type artifactTypes struct {
	mu sync.Mutex
	m  map[string]string
}

func (a *artifactTypes) set(digest, t string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.m[digest] = t
}

func (a *artifactTypes) get(digest string) (string, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	t, ok := a.m[digest]
	return t, ok
}

func isManifestPath(p string) bool {
	parts := strings.Split(p, "/")
	return len(parts) >= 5 && parts[1] == "v2" && parts[len(parts)-2] == "manifests"
}

func isReferrersPath(p string) bool {
	parts := strings.Split(p, "/")
	return len(parts) >= 5 && parts[1] == "v2" && parts[len(parts)-2] == "referrers"
}

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address (127.0.0.1 only)")
	user := flag.String("user", "", "Basic auth user name (required)")
	passFile := flag.String("password-file", "", "file holding the Basic auth password (required)")
	ociSubject := flag.Bool("oci-subject", true, "answer OCI-Subject on a manifest PUT with a subject")
	portFile := flag.String("port-file", "", "write the port listened on to this file once up")
	flag.Parse()
	if *user == "" || *passFile == "" {
		log.Fatal("-user and -password-file are required")
	}
	pw, err := os.ReadFile(*passFile)
	if err != nil {
		log.Fatal(err)
	}
	password := strings.TrimRight(string(pw), "\r\n")
	host, _, err := net.SplitHostPort(*addr)
	if err != nil || host != "127.0.0.1" {
		log.Fatalf("-addr must be 127.0.0.1:PORT, got %q", *addr)
	}

	inner := registry.New(registry.WithReferrersSupport(true), registry.Logger(log.New(os.Stderr, "", log.LstdFlags)))
	types := &artifactTypes{m: map[string]string{}}
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, p, ok := r.BasicAuth()
		if !ok || subtle.ConstantTimeCompare([]byte(u), []byte(*user)) != 1 ||
			subtle.ConstantTimeCompare([]byte(p), []byte(password)) != 1 {
			w.Header().Set("WWW-Authenticate", `Basic realm="referrers-registry"`)
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}`)
			return
		}
		if r.Method == http.MethodPut && isManifestPath(r.URL.Path) {
			body, err := io.ReadAll(io.LimitReader(r.Body, 4<<20))
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			var m struct {
				ArtifactType string `json:"artifactType"`
				Subject      *struct {
					Digest string `json:"digest"`
				} `json:"subject"`
			}
			_ = json.Unmarshal(body, &m)
			sw := &subjectWriter{ResponseWriter: w}
			if m.Subject != nil && *ociSubject {
				sw.subject = m.Subject.Digest
			}
			if m.ArtifactType != "" {
				digest := fmt.Sprintf("sha256:%x", sha256Sum(body))
				types.set(digest, m.ArtifactType)
			}
			inner.ServeHTTP(sw, r)
			return
		}
		if r.Method == http.MethodGet && isReferrersPath(r.URL.Path) {
			c := &captureWriter{header: http.Header{}, status: http.StatusOK}
			inner.ServeHTTP(c, r)
			body := c.body.Bytes()
			if c.status == http.StatusOK {
				var idx map[string]any
				if json.Unmarshal(body, &idx) == nil {
					list, _ := idx["manifests"].([]any)
					want := r.URL.Query().Get("artifactType")
					kept := []any{}
					for _, d := range list {
						desc, _ := d.(descriptor)
						if dg, _ := desc["digest"].(string); dg != "" {
							if t, ok := types.get(dg); ok {
								desc["artifactType"] = t
							}
						}
						if want == "" || desc["artifactType"] == want {
							kept = append(kept, desc)
						}
					}
					idx["manifests"] = kept
					if b, err := json.Marshal(idx); err == nil {
						body = b
						if want != "" {
							c.header.Set("OCI-Filters-Applied", "artifactType")
						}
					}
				}
			}
			for k, v := range c.header {
				w.Header()[k] = v
			}
			w.Header().Set("Content-Length", fmt.Sprint(len(body)))
			w.WriteHeader(c.status)
			w.Write(body)
			return
		}
		inner.ServeHTTP(w, r)
	})

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	if *portFile != "" {
		if err := os.WriteFile(*portFile, []byte(fmt.Sprint(port)), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("referrers-registry listening on 127.0.0.1:%d (OCI-Subject %v)", port, *ociSubject)
	log.Fatal(http.Serve(ln, handler))
}
