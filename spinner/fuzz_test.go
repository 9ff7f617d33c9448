package spinner

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// FuzzTruncate checks what a frame's text may be, whatever the message: no
// wider than the columns given, only whole SGR sequences (no other escape,
// no control character), a reset after any colour, and a prefix of the
// sanitized message.
func FuzzTruncate(f *testing.F) {
	f.Add("deploying 🚀🚀🚀🚀", 7)
	f.Add("\x1b[31mred\x1b[0m and plain", 4)
	f.Add("a\tb\nc\rd", 3)
	f.Fuzz(func(t *testing.T, msg string, cols int) {
		cols = max(0, cols%200)
		for _, keep := range []bool{true, false} {
			clean := sanitize(msg, keep)
			out := truncate(clean, cols)
			require.True(t, utf8.ValidString(out))
			require.LessOrEqual(t, displayWidth(out), cols)
			text := sgr.ReplaceAllString(out, "")
			for _, r := range text {
				require.False(t, r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0), "control %U in %q", r, out)
			}
			if seqs := sgr.FindAllString(out, -1); len(seqs) > 0 {
				require.True(t, keep)
				require.True(t, strings.HasSuffix(out, sgrReset), "%q", out)
			}
			require.True(t, strings.HasPrefix(clean, strings.TrimSuffix(out, sgrReset)), "%q is not a cut of %q", out, clean)
			if displayWidth(clean) <= cols {
				require.Equal(t, sgr.ReplaceAllString(clean, ""), text, "nothing cut when it fits")
			}
		}
	})
}
