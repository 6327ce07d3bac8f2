// Package authz holds the steps every HTTP adapter takes between reading
// a request's Authorization headers and handing the result to its
// framework: the one-header rule, optional authentication and per-route
// scopes. It knows no framework, so that the five adapters cannot drift
// apart on what they accept.
package authz
