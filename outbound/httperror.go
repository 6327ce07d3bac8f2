package outbound

import (
	"bytes"
	"io"
	"net/http"

	"github.com/revup/m2mauth"
)

// checkStatus returns resp alone for a 2xx answer, and otherwise resp
// with an *m2mauth.HTTPError holding its status, headers and the first
// limit bytes of its body. The response stays readable from its first
// byte. When the whole body fit, the connection is released at once, so
// that a caller who only looks at the error leaks nothing.
func checkStatus(resp *http.Response, limit int) (*http.Response, error) {
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return resp, nil
	}
	head, err := io.ReadAll(io.LimitReader(resp.Body, int64(limit)+1))
	if err == nil && len(head) <= limit {
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(head))
	} else {
		resp.Body = &rewound{
			Reader: io.MultiReader(bytes.NewReader(head), resp.Body),
			Closer: resp.Body,
		}
	}
	return resp, &m2mauth.HTTPError{
		StatusCode: resp.StatusCode,
		Status:     resp.Status,
		Header:     resp.Header,
		Body:       head[:min(len(head), limit)],
		Response:   resp,
	}
}

// rewound reads the bytes already taken from a body, then the rest.
type rewound struct {
	io.Reader
	io.Closer
}
