package jsonscan_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/internal/attacks"
	"github.com/revup/m2mauth/internal/jsonscan"
)

// FuzzDecoder compares the scanner with encoding/json. Whatever the
// scanner accepts, encoding/json must find valid, in UTF-8, with no name
// twice in an object and nesting within MaxDepth; and whatever meets all
// of that, the scanner must accept, except lone surrogate escapes, which
// encoding/json turns into U+FFFD and the scanner refuses on purpose.
func FuzzDecoder(f *testing.F) {
	for _, seed := range decoderSeeds(f) {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d := jsonscan.New(data)
		err := d.Skip()
		if err == nil {
			err = d.End()
		}
		strict := json.Valid(data) && utf8.Valid(data)
		dupOrDeep := strict && duplicateOrTooDeep(data)
		switch {
		case err == nil && !strict:
			t.Fatalf("accepted %q, which encoding/json refuses", data)
		case err == nil && dupOrDeep:
			t.Fatalf("accepted %q, which repeats a name or nests too deeply", data)
		case err != nil && strict && !dupOrDeep && !surrogateEscape.Match(data):
			t.Fatalf("refused %q: %v", data, err)
		case err == nil:
			checkMembers(t, data)
		}
	})
}

// surrogateEscape matches what may be a \u escape of a UTF-16 surrogate.
var surrogateEscape = regexp.MustCompile(`\\u[dD][89a-fA-F]`)

// duplicateOrTooDeep walks data, which is valid JSON, with encoding/json's
// tokenizer, which unescapes names the way the scanner does.
func duplicateOrTooDeep(data []byte) bool {
	type frame struct {
		names     map[string]bool // nil for an array
		expectKey bool
	}
	var stack []*frame
	valueDone := func() {
		if n := len(stack); n > 0 && stack[n-1].names != nil {
			stack[n-1].expectKey = true
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return false
		}
		if err != nil {
			return true
		}
		top := (*frame)(nil)
		if n := len(stack); n > 0 {
			top = stack[n-1]
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			if len(stack) == jsonscan.MaxDepth {
				return true
			}
			if top != nil && top.names != nil {
				top.expectKey = false
			}
			fr := &frame{}
			if tok == json.Delim('{') {
				fr.names, fr.expectKey = map[string]bool{}, true
			}
			stack = append(stack, fr)
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
			valueDone()
		default:
			if top != nil && top.names != nil && top.expectKey {
				name := tok.(string)
				if top.names[name] {
					return true
				}
				top.names[name], top.expectKey = true, false
				continue
			}
			valueDone()
		}
	}
}

// checkMembers reads an accepted object member by member through the
// typed reads and checks each raw value on its own.
func checkMembers(t *testing.T, data []byte) {
	t.Helper()
	d := jsonscan.New(data)
	if d.Peek() != '{' {
		return
	}
	err := d.Object(func(name []byte) error {
		raw, err := d.Raw()
		if err == nil && !json.Valid(raw) {
			t.Fatalf("member %q: Raw returned %q, which is not valid JSON", name, raw)
		}
		return err
	})
	if err != nil {
		t.Fatalf("an accepted object failed member by member: %v", err)
	}
}

// decoderSeeds are the header and claims of every attack token, with
// documents that pin the scanner's edges.
func decoderSeeds(f *testing.F) []string {
	ten := auth0test.NewTenant()
	defer ten.Close()
	suite := attacks.New(ten, "https://api.example.com")
	defer suite.Close()
	seeds := []string{
		`{}`, `[]`, `""`, `0`, `-0.5e+10`, `true`, `null`,
		`{"a":1,"a":2}`, `{"a":1,"\u0061":2}`, `{"\ud83d\ude00":1}`, `"\ud800"`,
		strings.Repeat("[", jsonscan.MaxDepth) + strings.Repeat("]", jsonscan.MaxDepth),
		strings.Repeat("[", jsonscan.MaxDepth+1) + strings.Repeat("]", jsonscan.MaxDepth+1),
		"\"\xff\"", `{"a":1}{}`, `{"a":1,}`, `01`, `1.`, `1e`, `"\x"`,
	}
	for _, c := range suite.Cases {
		segs := strings.SplitN(c.Token(), ".", 3)
		for _, seg := range segs[:min(2, len(segs))] {
			if raw, err := base64.RawURLEncoding.DecodeString(seg); err == nil {
				seeds = append(seeds, string(raw))
			}
		}
	}
	return seeds
}
