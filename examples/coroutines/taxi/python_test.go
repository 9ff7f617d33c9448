package main

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// The same output as CPython for 61 (seed, taxis, end time) cases:
// testdata/python_runs.json is written by testdata/gen_runs.py, a separate
// statement of the simulation's rules in Python that draws from CPython's
// own random module (it reproduces the book's sample run too: the last case).
func TestSameAsCPython(t *testing.T) {
	b, err := os.ReadFile("testdata/python_runs.json")
	require.NoError(t, err)
	var cases []struct {
		Seed   int64  `json:"seed"`
		Taxis  int    `json:"taxis"`
		End    int    `json:"end"`
		Output string `json:"output"`
	}
	require.NoError(t, json.Unmarshal(b, &cases))
	require.Len(t, cases, 61)
	for _, c := range cases {
		code, out, errOut := runTaxi(t, "-s", fmt.Sprint(c.Seed), "-t", fmt.Sprint(c.Taxis), "-e", fmt.Sprint(c.End))
		require.Equal(t, 0, code, errOut)
		require.Equal(t, c.Output, out, "taxi -s %d -t %d -e %d", c.Seed, c.Taxis, c.End)
	}
}
