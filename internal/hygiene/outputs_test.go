package hygiene_test

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/revup/m2mauth/internal/adaptertest"
)

// outputs collects what the library lets out, and the secrets none of
// it may hold. It is safe for concurrent use: servers and background
// fetches write to it from their own goroutines.
type outputs struct {
	mu      sync.Mutex
	texts   []output
	secrets map[string]string // secret -> what it is, for messages
	records int
}

type output struct{ what, text string }

func newOutputs() *outputs {
	return &outputs{secrets: map[string]string{}}
}

func (o *outputs) add(what, text string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.texts = append(o.texts, output{what, text})
}

// print adds v as the verbs a user might log it with render it, and as
// %d, which like %s prints raw the fields it finds no method for.
func (o *outputs) print(what string, v any) {
	o.add(what, fmt.Sprintf("%v\n%+v\n%#v\n%s\n%d", v, v, v, v, v))
}

func (o *outputs) secret(what, s string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.secrets[s] = what
}

// credential adds the token a credential carries, and its signature
// segment, as secrets.
func (o *outputs) credential(c string) {
	for _, s := range adaptertest.Secrets(c) {
		o.secret("a token or its signature", s)
	}
}

// count returns how many outputs were added under what.
func (o *outputs) count(what string) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	n := 0
	for _, out := range o.texts {
		if out.what == what {
			n++
		}
	}
	return n
}

// check fails for every output that holds a secret.
func (o *outputs) check(t *testing.T) {
	t.Helper()
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.secrets) == 0 || len(o.texts) == 0 {
		t.Fatalf("nothing to check: %d secrets, %d outputs", len(o.secrets), len(o.texts))
	}
	for _, out := range o.texts {
		for s, what := range o.secrets {
			if i := strings.Index(out.text, s); i >= 0 {
				t.Errorf("%s holds %s, after %q", out.what, what, out.text[max(0, i-80):i])
			}
		}
	}
}

// logger returns a Logger whose every record, Debug included, is kept
// as a text handler writes it, and as %+v and %#v of each attribute's
// value, those added through With included.
func (o *outputs) logger() *slog.Logger {
	text := slog.NewTextHandler(writerFunc(func(p []byte) (int, error) {
		o.add("log record", string(p))
		return len(p), nil
	}), &slog.HandlerOptions{Level: slog.LevelDebug})
	return slog.New(&recorder{out: o, text: text})
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

type recorder struct {
	out   *outputs
	text  slog.Handler
	attrs []slog.Attr
}

func (r *recorder) Enabled(context.Context, slog.Level) bool { return true }

func (r *recorder) Handle(ctx context.Context, rec slog.Record) error {
	if err := r.text.Handle(ctx, rec); err != nil {
		return err
	}
	var b strings.Builder
	raw := func(a slog.Attr) bool {
		v := a.Value.Resolve().Any()
		fmt.Fprintf(&b, "%s=%+v %#v\n", a.Key, v, v)
		return true
	}
	for _, a := range r.attrs {
		raw(a)
	}
	rec.Attrs(raw)
	r.out.add("log record", b.String())
	r.out.mu.Lock()
	r.out.records++
	r.out.mu.Unlock()
	return nil
}

func (r *recorder) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &recorder{out: r.out, text: r.text.WithAttrs(attrs), attrs: append(slices.Clip(r.attrs), attrs...)}
}

func (r *recorder) WithGroup(name string) slog.Handler {
	return &recorder{out: r.out, text: r.text.WithGroup(name), attrs: r.attrs}
}

// logRecords returns how many records the loggers handled.
func (o *outputs) logRecords() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.records
}
