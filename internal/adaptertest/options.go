package adaptertest

import (
	"log/slog"
	"net/http"
)

// Option changes how Run checks an adapter.
type Option func(*options)

type options struct {
	headerLimit int
	logger      *slog.Logger
	observe     func(sent []string, got Response)
}

func newOptions(opts []Option) *options {
	o := &options{logger: slog.New(slog.DiscardHandler)}
	for _, opt := range opts {
		opt(o)
	}
	return o
}

// HeaderLimit tells Run that the framework itself answers 431 Request
// Header Fields Too Large, before any middleware runs, to a request whose
// header block is longer than n bytes. fasthttp does so when the header
// does not fit its read buffer (fiber's ReadBufferSize, 4096 bytes by
// default), while net/http allows a megabyte. Run then expects 431 for
// the attack table's cases that long, whatever the table says of them.
func HeaderLimit(n int) Option {
	return func(o *options) { o.headerLimit = n }
}

// WithLogger makes the validators Run builds log to l instead of
// discarding their records, so that a test can read what they log.
func WithLogger(l *slog.Logger) Option {
	return func(o *options) { o.logger = l }
}

// Observe calls fn with the Authorization header lines of every request
// Run sends and the answer it read, so that a test can scan them all.
// Run's subtests run one after another, so fn needs no lock.
func Observe(fn func(sent []string, got Response)) Option {
	return func(o *options) { o.observe = fn }
}

// seen hands an exchange to the observer, if any.
func (o *options) seen(sent []string, got Response) {
	if o.observe != nil {
		o.observe(sent, got)
	}
}

// tooLarge reports whether the framework refuses a request with header
// block size before the adapter sees it.
func (o *options) tooLarge(size int) bool {
	return o.headerLimit > 0 && size > o.headerLimit
}

// headerTooLarge is the answer to a request refused under HeaderLimit.
var headerTooLarge = answer{status: http.StatusRequestHeaderFieldsTooLarge}
