module github.com/revup/m2mauth

go 1.25.0

require (
	github.com/golang-jwt/jwt/v5 v5.3.1
	go.uber.org/goleak v1.3.0
	golang.org/x/oauth2 v0.36.0
)
