package m2mhttp

import (
	"net/http"

	"github.com/revup/m2mauth/core"
)

// WriteError is the default ErrorHandler: it writes the RFC 6750 answer
// core.ResponseFor(err) describes, with its WWW-Authenticate challenge
// and its JSON body. A custom ErrorHandler may call it to keep that
// answer and add to it.
func WriteError(w http.ResponseWriter, _ *http.Request, err error) {
	resp := core.ResponseFor(err)
	h := w.Header()
	if resp.Challenge != "" {
		h.Set("WWW-Authenticate", resp.Challenge)
	}
	h.Set("Content-Type", "application/json")
	w.WriteHeader(resp.Status)
	w.Write(resp.JSON())
}
