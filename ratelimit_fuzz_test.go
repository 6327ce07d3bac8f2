package m2mauth_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/revup/m2mauth"
)

// FuzzParseRateLimit feeds Auth0's rate-limit headers, which a hostile
// or broken server controls, to ParseRateLimit. It must never panic,
// never report a negative count, and never ask a caller to wait less
// than nothing or more than a day.
func FuzzParseRateLimit(f *testing.F) {
	now := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC).Unix()
	for _, s := range []struct{ limit, remaining, reset, retry string }{
		{"30", "0", "1893553445", "2"},
		{"30", "29", "1893553445", ""},
		{"-1", "-5", "-1", "-3"},
		{"9223372036854775807", "9223372036854775808", "99999999999999999999", "9223372036854775807"},
		{"0x1e", " 30", "1e9", "1.5"},
		{"", "", "", "Thu, 02 Jan 2030 03:05:05 GMT"},
		{"", "", "", "Mon, 02 Jan 2006 15:04:05 GMT"},
		{"", "", "", "Fri, 31 Dec 9999 23:59:59 GMT"},
		{"+30", "٣٠", "0", "Thu, 02 Jan 2030 03:05:05 PST"},
	} {
		f.Add(s.limit, s.remaining, s.reset, s.retry, now)
	}
	f.Fuzz(func(t *testing.T, limit, remaining, reset, retry string, nowUnix int64) {
		h := http.Header{}
		h.Set("X-RateLimit-Limit", limit)
		h.Set("X-RateLimit-Remaining", remaining)
		h.Set("X-RateLimit-Reset", reset)
		h.Set("Retry-After", retry)
		at := time.Unix(nowUnix, 0)
		rl := m2mauth.ParseRateLimit(h, at)

		if rl.Limit < 0 || rl.Remaining < 0 {
			t.Fatalf("got limit %d remaining %d, want no negative count", rl.Limit, rl.Remaining)
		}
		if rl.RetryAfter < 0 || rl.RetryAfter > 24*time.Hour {
			t.Fatalf("Retry-After %q gave a wait of %v, want 0 to 24h", retry, rl.RetryAfter)
		}
		if !rl.Reset.IsZero() && rl.Reset.Unix() <= 0 {
			t.Fatalf("X-RateLimit-Reset %q gave %v, want zero or after 1970", reset, rl.Reset)
		}
		checkCount(t, "X-RateLimit-Limit", h.Get("X-RateLimit-Limit"), rl.Limit)
		checkCount(t, "X-RateLimit-Remaining", h.Get("X-RateLimit-Remaining"), rl.Remaining)
		if again := m2mauth.ParseRateLimit(h, at); again != rl {
			t.Fatalf("parsing the same headers twice gave %+v and %+v", rl, again)
		}
	})
}

// checkCount: a header holding a non-negative decimal that fits an int,
// with at most a plus sign before it, is read as that number; anything
// else as zero.
func checkCount(t *testing.T, name, value string, got int) {
	t.Helper()
	want := 0
	if n, err := strconv.ParseUint(strings.TrimPrefix(value, "+"), 10, 63); err == nil {
		want = int(n)
	}
	if got != want {
		t.Fatalf("%s %q: got %d, want %d", name, value, got, want)
	}
}
