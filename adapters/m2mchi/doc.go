// Package m2mchi authenticates requests routed by chi v5 with Auth0
// machine-to-machine access tokens.
//
// chi routes plain net/http handlers, so this package is m2mhttp with
// what chi users expect on top: a scope check per route with r.With, and
// the chi route pattern handed to the error handler, so that a refusal
// can be reported against "/orders/{id}" rather than each order's path.
// Requests are accepted and refused exactly as m2mhttp does it.
//
//	r := chi.NewRouter()
//	r.Use(m2mchi.New(v))
//	r.With(m2mchi.RequireScopes("read:messages")).Get("/messages", list)
package m2mchi
