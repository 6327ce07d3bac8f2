package main

import (
	"testing"

	"github.com/revup/m2mauth/internal/exampletest"
)

func TestMain(m *testing.M) { exampletest.Main(m, main) }

func TestRun(t *testing.T) { exampletest.CheckRun(t, run) }

func TestConfig(t *testing.T) { exampletest.CheckConfig(t, run) }

func TestProcess(t *testing.T) { exampletest.CheckProcess(t) }
