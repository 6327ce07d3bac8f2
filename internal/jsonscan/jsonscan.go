// Package jsonscan reads JSON from untrusted sources strictly and without
// allocating: duplicate member names (compared after unescaping), invalid
// UTF-8, nesting past a fixed depth and trailing data are all errors.
//
// It exists because encoding/json keeps the last of duplicated names and
// accepts invalid UTF-8, both of which let one token mean two things to
// two parsers, and because it allocates for every value it touches; the
// JWT header and claims are read on every request.
package jsonscan

import (
	"errors"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxDepth is how deeply objects and arrays may nest.
const MaxDepth = 32

// Errors returned while scanning.
var (
	ErrSyntax    = errors.New("invalid json")
	ErrDuplicate = errors.New("duplicate member name")
	ErrDepth     = errors.New("json nested too deeply")
	ErrType      = errors.New("unexpected json type")
)

// Decoder reads one JSON document from data.
type Decoder struct {
	data  []byte
	pos   int
	depth int
}

// New returns a Decoder for data.
func New(data []byte) *Decoder { return &Decoder{data: data} }

// Reset makes d read data from the start.
func (d *Decoder) Reset(data []byte) { *d = Decoder{data: data} }

func (d *Decoder) skipSpace() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// Peek returns the first byte of the next value, or 0 at the end.
func (d *Decoder) Peek() byte {
	d.skipSpace()
	if d.pos < len(d.data) {
		return d.data[d.pos]
	}
	return 0
}

// End reports an error unless only white space is left.
func (d *Decoder) End() error {
	d.skipSpace()
	if d.pos != len(d.data) {
		return ErrSyntax
	}
	return nil
}

// smallObject is how many names are checked for duplicates by a linear
// scan; larger objects use a map, so that a token stuffed with members
// cannot make the check quadratic.
const smallObject = 24

// Object reads an object, calling fn for each member with the unescaped
// name while d is positioned at the member's value. fn may read the value
// with one of d's methods; a value fn leaves unread is skipped. The name
// is only valid during the call.
func (d *Decoder) Object(fn func(name []byte) error) error {
	if d.Peek() != '{' {
		return ErrType
	}
	if err := d.enter(); err != nil {
		return err
	}
	d.pos++
	var small [smallObject][]byte
	seen := small[:0]
	var many map[string]struct{}
	if d.Peek() == '}' {
		d.pos++
		d.depth--
		return nil
	}
	for {
		if d.Peek() != '"' {
			return ErrSyntax
		}
		name, err := d.str()
		if err != nil {
			return err
		}
		if len(seen) < smallObject {
			for _, s := range seen {
				if string(s) == string(name) {
					return ErrDuplicate
				}
			}
			seen = append(seen, name)
		} else {
			if many == nil {
				many = make(map[string]struct{}, 2*smallObject)
				for _, s := range seen {
					many[string(s)] = struct{}{}
				}
			}
			if _, dup := many[string(name)]; dup {
				return ErrDuplicate
			}
			many[string(name)] = struct{}{}
		}
		if d.Peek() != ':' {
			return ErrSyntax
		}
		d.pos++
		if d.Peek() == 0 {
			return ErrSyntax
		}
		start := d.pos
		if err := fn(name); err != nil {
			return err
		}
		if d.pos == start {
			if err := d.Skip(); err != nil {
				return err
			}
		}
		switch d.Peek() {
		case ',':
			d.pos++
		case '}':
			d.pos++
			d.depth--
			return nil
		default:
			return ErrSyntax
		}
	}
}

func (d *Decoder) enter() error {
	d.depth++
	if d.depth > MaxDepth {
		return ErrDepth
	}
	return nil
}

// Bytes reads a string and returns its unescaped bytes, which may alias
// the input.
func (d *Decoder) Bytes() ([]byte, error) {
	if d.Peek() != '"' {
		return nil, ErrType
	}
	return d.str()
}

// String reads a string.
func (d *Decoder) String() (string, error) {
	b, err := d.Bytes()
	return string(b), err
}

// Number reads a number.
func (d *Decoder) Number() (float64, error) {
	c := d.Peek()
	if c != '-' && (c < '0' || c > '9') {
		return 0, ErrType
	}
	start := d.pos
	if err := d.number(); err != nil {
		return 0, err
	}
	f, err := strconv.ParseFloat(string(d.data[start:d.pos]), 64)
	if err != nil {
		// Only a range error is possible after the grammar check.
		return 0, ErrSyntax
	}
	return f, nil
}

// Strings reads an array of strings, or a single string as a list of one.
// Fields such as aud take both forms.
func (d *Decoder) Strings() ([]string, error) {
	switch d.Peek() {
	case '"':
		s, err := d.String()
		if err != nil {
			return nil, err
		}
		return []string{s}, nil
	case '[':
		return d.StringArray()
	}
	return nil, ErrType
}

// StringArray reads an array whose elements are all strings.
func (d *Decoder) StringArray() ([]string, error) {
	var out []string
	err := d.Array(func() error {
		s, err := d.String()
		if err == nil {
			out = append(out, s)
		}
		return err
	})
	return out, err
}

// Array reads an array, calling fn with d positioned at each element; fn
// must read the element.
func (d *Decoder) Array(fn func() error) error {
	if d.Peek() != '[' {
		return ErrType
	}
	if err := d.enter(); err != nil {
		return err
	}
	d.pos++
	if d.Peek() == ']' {
		d.pos++
		d.depth--
		return nil
	}
	for {
		start := d.pos
		if d.Peek() == 0 {
			return ErrSyntax
		}
		if err := fn(); err != nil {
			return err
		}
		if d.pos == start {
			return ErrSyntax
		}
		switch d.Peek() {
		case ',':
			d.pos++
		case ']':
			d.pos++
			d.depth--
			return nil
		default:
			return ErrSyntax
		}
	}
}

// Skip reads and validates one value of any type.
func (d *Decoder) Skip() error {
	switch c := d.Peek(); {
	case c == '{':
		return d.Object(func([]byte) error { return nil })
	case c == '[':
		return d.Array(d.Skip)
	case c == '"':
		_, err := d.str()
		return err
	case c == '-' || c >= '0' && c <= '9':
		return d.number()
	case c == 't':
		return d.literal("true")
	case c == 'f':
		return d.literal("false")
	case c == 'n':
		return d.literal("null")
	}
	return ErrSyntax
}

// Bool reads true or false.
func (d *Decoder) Bool() (bool, error) {
	switch d.Peek() {
	case 't':
		return true, d.literal("true")
	case 'f':
		return false, d.literal("false")
	}
	return false, ErrType
}

func (d *Decoder) literal(word string) error {
	if len(d.data)-d.pos < len(word) || string(d.data[d.pos:d.pos+len(word)]) != word {
		return ErrSyntax
	}
	d.pos += len(word)
	return nil
}

// number checks the RFC 8259 number grammar at d.pos and moves past it.
func (d *Decoder) number() error {
	p := d.pos
	if p < len(d.data) && d.data[p] == '-' {
		p++
	}
	switch {
	case p < len(d.data) && d.data[p] == '0':
		p++
	case p < len(d.data) && d.data[p] >= '1' && d.data[p] <= '9':
		p = d.digits(p)
	default:
		return ErrSyntax
	}
	if p < len(d.data) && d.data[p] == '.' {
		q := d.digits(p + 1)
		if q == p+1 {
			return ErrSyntax
		}
		p = q
	}
	if p < len(d.data) && (d.data[p] == 'e' || d.data[p] == 'E') {
		p++
		if p < len(d.data) && (d.data[p] == '+' || d.data[p] == '-') {
			p++
		}
		q := d.digits(p)
		if q == p {
			return ErrSyntax
		}
		p = q
	}
	d.pos = p
	return nil
}

func (d *Decoder) digits(p int) int {
	for p < len(d.data) && d.data[p] >= '0' && d.data[p] <= '9' {
		p++
	}
	return p
}

// str reads the string at d.pos, which is a quote. Without escapes the
// result aliases the input; with them it is a fresh copy.
func (d *Decoder) str() ([]byte, error) {
	p := d.pos + 1
	start := p
	for p < len(d.data) {
		c := d.data[p]
		switch {
		case c == '"':
			d.pos = p + 1
			return d.data[start:p], nil
		case c == '\\':
			return d.unescape(start)
		case c < 0x20:
			return nil, ErrSyntax
		case c < utf8.RuneSelf:
			p++
		default:
			r, size := utf8.DecodeRune(d.data[p:])
			if r == utf8.RuneError && size == 1 {
				return nil, ErrSyntax
			}
			p += size
		}
	}
	return nil, ErrSyntax
}

func (d *Decoder) unescape(start int) ([]byte, error) {
	out := make([]byte, 0, 2*len(d.data[start:])/3)
	p := start
	for p < len(d.data) {
		c := d.data[p]
		switch {
		case c == '"':
			d.pos = p + 1
			return out, nil
		case c < 0x20:
			return nil, ErrSyntax
		case c == '\\':
			if p+1 >= len(d.data) {
				return nil, ErrSyntax
			}
			esc := d.data[p+1]
			p += 2
			switch esc {
			case '"', '\\', '/':
				out = append(out, esc)
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r, n, err := d.escapedRune(p)
				if err != nil {
					return nil, err
				}
				out = utf8.AppendRune(out, r)
				p = n
			default:
				return nil, ErrSyntax
			}
		case c < utf8.RuneSelf:
			out = append(out, c)
			p++
		default:
			r, size := utf8.DecodeRune(d.data[p:])
			if r == utf8.RuneError && size == 1 {
				return nil, ErrSyntax
			}
			out = append(out, d.data[p:p+size]...)
			p += size
		}
	}
	return nil, ErrSyntax
}

// escapedRune decodes the four hex digits at p, and the low half of a
// surrogate pair after them when there is one. A lone surrogate is an
// error rather than U+FFFD, so that no two spellings decode alike.
func (d *Decoder) escapedRune(p int) (rune, int, error) {
	r, ok := hex4(d.data, p)
	if !ok {
		return 0, 0, ErrSyntax
	}
	p += 4
	if !utf16.IsSurrogate(r) {
		return r, p, nil
	}
	if r >= 0xDC00 || p+6 > len(d.data) || d.data[p] != '\\' || d.data[p+1] != 'u' {
		return 0, 0, ErrSyntax
	}
	lo, ok := hex4(d.data, p+2)
	if !ok {
		return 0, 0, ErrSyntax
	}
	full := utf16.DecodeRune(r, lo)
	if full == utf8.RuneError {
		return 0, 0, ErrSyntax
	}
	return full, p + 6, nil
}

func hex4(b []byte, p int) (rune, bool) {
	if p+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[p : p+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// Raw reads one value of any type and returns a copy of its JSON text.
func (d *Decoder) Raw() ([]byte, error) {
	d.skipSpace()
	start := d.pos
	if err := d.Skip(); err != nil {
		return nil, err
	}
	return append([]byte(nil), d.data[start:d.pos]...), nil
}
