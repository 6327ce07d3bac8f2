package jsonscan

import (
	"errors"
	"strings"
	"testing"
)

func members(t *testing.T, doc string) (map[string]string, error) {
	t.Helper()
	got := map[string]string{}
	d := New([]byte(doc))
	err := d.Object(func(name []byte) error {
		raw, err := d.Raw()
		got[string(name)] = string(raw)
		return err
	})
	if err == nil {
		err = d.End()
	}
	return got, err
}

func TestObjectAccepts(t *testing.T) {
	tests := []struct {
		doc  string
		want map[string]string
	}{
		{`{}`, map[string]string{}},
		{` { "a" : 1 , "b":[1, "x", {"c":null}] } `, map[string]string{"a": "1", "b": `[1, "x", {"c":null}]`}},
		{`{"\u0061\n":"\ud83d\ude00"}`, map[string]string{"a\n": `"\ud83d\ude00"`}},
		{`{"n":-0.5e+10,"t":true,"f":false}`, map[string]string{"n": "-0.5e+10", "t": "true", "f": "false"}},
		{`{"é":"ü"}`, map[string]string{"é": `"ü"`}},
	}
	for _, tt := range tests {
		got, err := members(t, tt.doc)
		if err != nil {
			t.Errorf("%s: %v", tt.doc, err)
			continue
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: got %v, want %v", tt.doc, got, tt.want)
		}
		for k, v := range tt.want {
			if got[k] != v {
				t.Errorf("%s: member %q = %q, want %q", tt.doc, k, got[k], v)
			}
		}
	}
}

func TestObjectRejects(t *testing.T) {
	many := make([]string, 100)
	for i := range many {
		many[i] = `"k` + strings.Repeat("x", i) + `":1`
	}
	tests := []struct {
		doc  string
		want error
	}{
		{`{"a":1,"a":2}`, ErrDuplicate},
		{`{"a":1,"\u0061":2}`, ErrDuplicate},
		{`{` + strings.Join(many, ",") + `,"kxxxxx":2}`, ErrDuplicate},
		{`{"x":{"a":1,"a":2}}`, ErrDuplicate},
		{strings.Repeat(`{"a":`, MaxDepth+1) + "1" + strings.Repeat("}", MaxDepth+1), ErrDepth},
		{`[` + strings.Repeat(`[`, MaxDepth) + strings.Repeat(`]`, MaxDepth+1), nil},
		{`{"a":1,}`, ErrSyntax},
		{`{"a":01}`, nil},
		{`{"a":1.}`, ErrSyntax},
		{`{"a":.5}`, ErrSyntax},
		{`{"a":+1}`, ErrSyntax},
		{`{"a":1e}`, ErrSyntax},
		{`{"a":NaN}`, ErrSyntax},
		{`{"a":"\x"}`, ErrSyntax},
		{"{\"a\":\"\xff\"}", ErrSyntax},
		{"{\"a\":\"\x01\"}", ErrSyntax},
		{`{"a":"\ud800"}`, ErrSyntax},
		{`{"a":"\udc00\ud800"}`, ErrSyntax},
		{`{"a":"unterminated}`, ErrSyntax},
		{`{"a":tru}`, ErrSyntax},
		{`{"a":1}x`, ErrSyntax},
		{`{'a':1}`, ErrSyntax},
		{`{"a" 1}`, ErrSyntax},
		{``, ErrType},
		{`[]`, ErrType},
	}
	for _, tt := range tests {
		_, err := members(t, tt.doc)
		if err == nil {
			t.Errorf("%.40s: accepted, want an error", tt.doc)
			continue
		}
		if tt.want != nil && !errors.Is(err, tt.want) {
			t.Errorf("%.40s: got %v, want %v", tt.doc, err, tt.want)
		}
	}
}

func TestTypedReads(t *testing.T) {
	d := New([]byte(`{"s":"x","n":12.5,"l":["a","b"],"one":"a","b":true}`))
	var s string
	var n float64
	var l, one []string
	var b bool
	err := d.Object(func(name []byte) error {
		var err error
		switch string(name) {
		case "s":
			s, err = d.String()
		case "n":
			n, err = d.Number()
		case "l":
			l, err = d.Strings()
		case "one":
			one, err = d.Strings()
		case "b":
			b, err = d.Bool()
		}
		return err
	})
	if err != nil || s != "x" || n != 12.5 || len(l) != 2 || len(one) != 1 || !b {
		t.Fatalf("got %q %v %q %q %v, err %v", s, n, l, one, b, err)
	}
	for _, doc := range []string{`{"n":"1"}`, `{"n":null}`, `{"n":[1]}`} {
		d := New([]byte(doc))
		err := d.Object(func([]byte) error { _, err := d.Number(); return err })
		if !errors.Is(err, ErrType) {
			t.Errorf("%s: got %v, want ErrType", doc, err)
		}
	}
	d = New([]byte(`{"l":["a",1]}`))
	if err := d.Object(func([]byte) error { _, err := d.StringArray(); return err }); !errors.Is(err, ErrType) {
		t.Errorf("mixed array: got %v, want ErrType", err)
	}
}
