package bench

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/MicahParks/keyfunc/v3"
	jwtmiddleware2 "github.com/auth0/go-jwt-middleware/v2"
	jwks2 "github.com/auth0/go-jwt-middleware/v2/jwks"
	validator2 "github.com/auth0/go-jwt-middleware/v2/validator"
	jwtmiddleware3 "github.com/auth0/go-jwt-middleware/v3"
	jwks3 "github.com/auth0/go-jwt-middleware/v3/jwks"
	validator3 "github.com/auth0/go-jwt-middleware/v3/validator"
	"github.com/coreos/go-oidc/v3/oidc"
	fiberjwt "github.com/gofiber/contrib/jwt"
	"github.com/gofiber/fiber/v2"
	"github.com/golang-jwt/jwt/v5"
	echojwt "github.com/labstack/echo-jwt/v4"
	"github.com/labstack/echo/v4"
)

// peerRows are the libraries the issue compares against, each set up as
// strictly as its own options allow: RS256 only, the tenant's issuer,
// our audience, exp required. Where a library has no option for a check
// the row says so in its flags, and TestRows proves the gap.
func peerRows() []row {
	all := true
	return []row{
		{
			name: "peer/golang-jwt/static-key", expiry: all, issuer: all, audience: all,
			build: checker(newGolangJWT(func() jwt.Claims { return &jwt.RegisteredClaims{} })),
		},
		{
			name: "peer/golang-jwt/static-key-mapclaims", expiry: all, issuer: all, audience: all,
			build: checker(newGolangJWT(func() jwt.Claims { return jwt.MapClaims{} })),
		},
		{
			name: "peer/golang-jwt/keyfunc", expiry: all, issuer: all, audience: all,
			build: checker(newKeyfunc),
		},
		{
			name: "peer/go-oidc", expiry: all, issuer: all, audience: all,
			build: checker(newGoOIDC),
		},
		{
			name: "peer/go-jwt-middleware-v2", expiry: all, issuer: all, audience: all,
			build: buildJWTMiddlewareV2,
		},
		{
			name: "peer/go-jwt-middleware-v3", expiry: all, issuer: all, audience: all,
			build: buildJWTMiddlewareV3,
		},
		{
			name: "peer/echo-jwt", expiry: all, issuer: all, audience: all,
			build: buildEchoJWT,
		},
		{
			// contrib/jwt calls jwt.Parse with no parser options: it has
			// no way to require an issuer or an audience.
			name: "peer/fiber-contrib-jwt", expiry: all,
			build: buildFiberJWT,
		},
	}
}

// strictParser holds golang-jwt's options for an Auth0 access token.
func strictParser(fx *fixture) []jwt.ParserOption {
	return []jwt.ParserOption{
		jwt.WithValidMethods([]string{"RS256"}),
		jwt.WithIssuer(fx.tenant.Issuer()),
		jwt.WithAudience(audience),
		jwt.WithExpirationRequired(),
	}
}

func newGolangJWT(claims func() jwt.Claims) func(testing.TB, *fixture) func(string) error {
	return func(tb testing.TB, fx *fixture) func(string) error {
		key := func(*jwt.Token) (any, error) { return fx.pub, nil }
		opts := strictParser(fx)
		return func(token string) error {
			_, err := jwt.ParseWithClaims(token, claims(), key, opts...)
			return err
		}
	}
}

// newKeyfunc is golang-jwt with its companion JWKS client, keyfunc v3.
func newKeyfunc(tb testing.TB, fx *fixture) func(string) error {
	kf := newKeyfuncClient(tb, fx)
	opts := strictParser(fx)
	return func(token string) error {
		_, err := jwt.ParseWithClaims(token, &jwt.RegisteredClaims{}, kf.Keyfunc, opts...)
		return err
	}
}

func newKeyfuncClient(tb testing.TB, fx *fixture) keyfunc.Keyfunc {
	tb.Helper()
	kf, err := keyfunc.NewDefaultCtx(tb.Context(), []string{fx.tenant.JWKSURL()})
	if err != nil {
		tb.Fatalf("keyfunc: %v", err)
	}
	return kf
}

func newGoOIDC(tb testing.TB, fx *fixture) func(string) error {
	keys := oidc.NewRemoteKeySet(context.Background(), fx.tenant.JWKSURL())
	v := oidc.NewVerifier(fx.tenant.Issuer(), keys, &oidc.Config{
		ClientID:             audience,
		SupportedSigningAlgs: []string{oidc.RS256},
	})
	return func(token string) error {
		_, err := v.Verify(bg, token)
		return err
	}
}

// okHandler answers 200 behind every net/http middleware measured.
var okHandler = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
	w.WriteHeader(http.StatusOK)
})

func issuerURL(tb testing.TB, fx *fixture) *url.URL {
	tb.Helper()
	u, err := url.Parse(fx.tenant.Issuer())
	if err != nil {
		tb.Fatal(err)
	}
	return u
}

func buildJWTMiddlewareV2(tb testing.TB, fx *fixture, authorization string) func() int {
	provider := jwks2.NewCachingProvider(issuerURL(tb, fx), 5*time.Minute)
	v, err := validator2.New(provider.KeyFunc, validator2.RS256,
		fx.tenant.Issuer(), []string{audience})
	if err != nil {
		tb.Fatalf("go-jwt-middleware v2: %v", err)
	}
	mw := jwtmiddleware2.New(v.ValidateToken)
	return serveHTTP(mw.CheckJWT(okHandler), authorization)
}

func buildJWTMiddlewareV3(tb testing.TB, fx *fixture, authorization string) func() int {
	jwksURL, err := url.Parse(fx.tenant.Domain() + jwksWithAlgPath)
	if err != nil {
		tb.Fatal(err)
	}
	provider, err := jwks3.NewCachingProvider(
		jwks3.WithIssuerURL(issuerURL(tb, fx)),
		jwks3.WithCustomJWKSURI(jwksURL),
	)
	if err != nil {
		tb.Fatalf("go-jwt-middleware v3: %v", err)
	}
	v, err := validator3.New(
		validator3.WithKeyFunc(provider.KeyFunc),
		validator3.WithAlgorithm(validator3.RS256),
		validator3.WithIssuer(fx.tenant.Issuer()),
		validator3.WithAudience(audience),
	)
	if err != nil {
		tb.Fatalf("go-jwt-middleware v3: %v", err)
	}
	mw, err := jwtmiddleware3.New(jwtmiddleware3.WithValidator(v))
	if err != nil {
		tb.Fatalf("go-jwt-middleware v3: %v", err)
	}
	return serveHTTP(mw.CheckJWT(okHandler), authorization)
}

// buildEchoJWT gives echo-jwt golang-jwt's strict parser through
// ParseTokenFunc and the key set through keyfunc, as its documentation
// suggests for a JWKS: its own options pin neither issuer nor audience,
// and its SigningMethod is ignored once a KeyFunc is set.
func buildEchoJWT(tb testing.TB, fx *fixture, authorization string) func() int {
	kf := newKeyfuncClient(tb, fx)
	opts := strictParser(fx)
	e := echo.New()
	mw := echojwt.WithConfig(echojwt.Config{
		ParseTokenFunc: func(_ echo.Context, auth string) (any, error) {
			return jwt.ParseWithClaims(auth, &jwt.RegisteredClaims{}, kf.Keyfunc, opts...)
		},
	})
	e.GET(path, func(c echo.Context) error { return c.NoContent(http.StatusOK) }, mw)
	return serveHTTP(e, authorization)
}

// buildFiberJWT uses contrib/jwt's own key set client (keyfunc v2).
func buildFiberJWT(tb testing.TB, fx *fixture, authorization string) func() int {
	app := newFiber()
	app.Use(fiberjwt.New(fiberjwt.Config{
		JWKSetURLs: []string{fx.tenant.JWKSURL()},
		Claims:     &jwt.RegisteredClaims{},
	}))
	app.Get(path, func(c *fiber.Ctx) error { return c.SendStatus(http.StatusOK) })
	return serveFiber(app, authorization)
}
