package remote

import (
	"context"
	"errors"
	"testing"

	"github.com/nats-io/nats.go"
	"github.com/stretchr/testify/require"
)

// FuzzDecodeError feeds arbitrary result statuses and bodies, as a foreign
// or broken worker might send them: the client must always get an *Error,
// never panic, and match a sentinel only for its status.
func FuzzDecodeError(f *testing.F) {
	f.Add(statusError, []byte(`{"message":"boom"}`))
	f.Add(statusPanic, []byte(`{"message":"x","stack":"goroutine 1"}`))
	f.Add(statusTimeout, []byte(`{}`))
	f.Add("weird", []byte(`not json`))
	f.Add(statusUnknown, []byte(nil))
	f.Fuzz(func(t *testing.T, status string, data []byte) {
		err := decodeError("fn", "id", status, data)
		var re *Error
		require.ErrorAs(t, err, &re)
		require.Equal(t, re.Message, err.Error())
		kind, known := statusKinds[status]
		if known && kind != nil {
			require.ErrorIs(t, err, kind)
		}
		require.Equal(t, known && kind == ErrTimeout, errors.Is(err, context.DeadlineExceeded))
	})
}

// FuzzParseDeadline feeds arbitrary deadline headers: never a panic, and a
// deadline only for a decimal number.
func FuzzParseDeadline(f *testing.F) {
	f.Add("1700000000000000000")
	f.Add("")
	f.Add("-1")
	f.Add("99999999999999999999999")
	f.Add("soon")
	f.Fuzz(func(t *testing.T, v string) {
		h := nats.Header{}
		h.Set(hdrDeadline, v)
		dl, ok := parseDeadline(h)
		require.True(t, ok || dl.IsZero(), "%q: a deadline without ok", v)
	})
}

func TestEncodeErrorRoundTrip(t *testing.T) {
	err := decodeError("f", "t", statusPanic, encodeError("remote: task panicked: x", "stack text"))
	var re *Error
	require.ErrorAs(t, err, &re)
	require.Equal(t, "remote: task panicked: x", re.Message)
	require.Equal(t, "stack text", re.Stack)
	require.ErrorIs(t, err, ErrPanic)
}
