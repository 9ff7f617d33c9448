package screen

import (
	"testing"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestRender(t *testing.T) {
	s := Render("spinner object\r\n\r| thinking!\x1b[K\r/ thinking!\x1b[K\r\x1b[KAnswer: 42\r\n", 40)
	require.Equal(t, Screen{Lines: []string{"spinner object", "Answer: 42"}}, s)

	s = Render("\r| thinking!\x1b[Kspinner object\r\n", 80)
	require.Equal(t, []string{"| thinking!spinner object"}, s.Lines, "text printed onto the spinner's line stays")

	s = Render("\x1b[?25l\x1b[31m"+"🚀🚀🚀🚀🚀🚀", 10)
	require.Equal(t, []string{"🚀🚀🚀🚀🚀", "🚀"}, s.Lines)
	require.Equal(t, 1, s.Wraps)
	require.True(t, s.CursorHidden)
	require.True(t, s.Coloured)

	s = Render("a\x1b[1;31mb\x1b[0m\x1b[?25h\x1b[2J", 10)
	require.Equal(t, []string{"ab"}, s.Lines)
	require.False(t, s.Coloured)
	require.False(t, s.CursorHidden)
	require.Equal(t, []string{"\x1b[2J"}, s.Unknown)
}
