// Package modcheck holds no code: its test proves that the web
// frameworks stay out of the dependency graph of users who do not ask
// for them. The root module depends on no framework, and each adapter
// module brings only its own.
package modcheck
