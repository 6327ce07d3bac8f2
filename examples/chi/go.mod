module github.com/revup/m2mauth/examples/chi

go 1.25.0

require (
	github.com/go-chi/chi/v5 v5.5.0
	github.com/revup/m2mauth v0.0.0-00010101000000-000000000000
	github.com/revup/m2mauth/adapters/m2mchi v0.0.0-00010101000000-000000000000
)

require (
	github.com/golang-jwt/jwt/v5 v5.3.1 // indirect
	go.uber.org/goleak v1.3.0 // indirect
	golang.org/x/oauth2 v0.36.0 // indirect
)

replace (
	github.com/revup/m2mauth => ../..
	github.com/revup/m2mauth/adapters/m2mchi => ../../adapters/m2mchi
)
