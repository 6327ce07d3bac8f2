package outbound

import (
	"fmt"
	"net/http"
	"os"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/core"
)

// DefaultMaxErrorBody is how much of a non-2xx answer's body an
// *m2mauth.HTTPError holds by default.
const DefaultMaxErrorBody = 4 << 10

// The environment variables FromEnv reads, those of the Python library.
const (
	EnvDomain       = "AUTH0_DOMAIN"
	EnvClientID     = "AUTH0_CLIENT_ID"
	EnvClientSecret = "AUTH0_CLIENT_SECRET"
	EnvAudience     = "AUTH0_AUDIENCE"
)

// Config configures a Client. The zero value of every optional field is
// the documented default. Printing a Config shows the client secret as
// "[redacted]".
type Config struct {
	// Token holds the tenant, the default credentials and audience, and
	// how tokens are fetched, cached and renewed; see core.TokenConfig.
	// Domain is required. ClientID, ClientSecret and Audience are the
	// defaults for every call: either all set, or all empty, in which
	// case each call must bring them with Credentials and Audience.
	Token core.TokenConfig

	// Base sends the requests to the APIs. Default:
	// http.DefaultTransport.
	Base http.RoundTripper

	// MaxErrorBody is how many bytes of a non-2xx answer's body an
	// *m2mauth.HTTPError holds. Default: DefaultMaxErrorBody.
	MaxErrorBody int
}

// EnvConfig returns a Config whose tenant, credentials and audience come
// from AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET and
// AUTH0_AUDIENCE. Unset variables leave their field empty.
func EnvConfig() Config {
	return Config{Token: core.TokenConfig{
		Domain:       os.Getenv(EnvDomain),
		ClientID:     os.Getenv(EnvClientID),
		ClientSecret: os.Getenv(EnvClientSecret),
		Audience:     os.Getenv(EnvAudience),
	}}
}

// FromEnv returns a Client configured by EnvConfig. Every variable must
// be set; the error for one that is not names it, and matches the
// sentinel of what is missing, such as m2mauth.ErrMissingClientSecret.
func FromEnv() (*Client, error) {
	cfg := EnvConfig()
	for _, v := range []struct {
		name, value string
		missing     error
	}{
		{EnvDomain, cfg.Token.Domain, m2mauth.ErrMissingDomain},
		{EnvClientID, cfg.Token.ClientID, m2mauth.ErrMissingClientID},
		{EnvClientSecret, cfg.Token.ClientSecret, m2mauth.ErrMissingClientSecret},
		{EnvAudience, cfg.Token.Audience, m2mauth.ErrMissingAudience},
	} {
		if v.value == "" {
			return nil, fmt.Errorf("%w: %s is not set", v.missing, v.name)
		}
	}
	return New(cfg)
}
