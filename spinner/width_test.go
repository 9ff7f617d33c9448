package spinner

import (
	"testing"

	"github.com/rivo/uniseg"
	"github.com/stretchr/testify/require"
)

func TestClusterWidth(t *testing.T) {
	cases := map[string]int{
		"a": 1, "国": 2, "ｱ": 1, "é": 1, "e\u0301": 1, "─": 1, "⠋": 1,
		"🚀": 2, "✅": 2, "❌": 2, "⭐": 2, "⌛": 2, "⚡": 2, "😀": 2,
		"⏱️": 2, "⏱": 1, "👍🏽": 2, "👨‍👩‍👧": 2, "🇺🇸": 2,
		"\u0301": 0, "\u200b": 0,
	}
	for s, want := range cases {
		require.Equal(t, want, displayWidth(s), "%q", s)
		require.Equal(t, uniseg.StringWidth(s), displayWidth(s), "%q agrees with uniseg", s)
	}
}

func TestDisplayWidthSkipsEscapes(t *testing.T) {
	require.Equal(t, 6, displayWidth("\x1b[1;31mred 国\x1b[0m"))
}

func TestSanitize(t *testing.T) {
	require.Equal(t, "a b c d e", sanitize("a\tb\nc\rd\x00e", true))
	require.Equal(t, "\x1b[31mred\x1b[0m", sanitize("\x1b[31mred\x1b[0m", true))
	require.Equal(t, "red", sanitize("\x1b[31mred\x1b[0m", false), "NO_COLOR and plain mode")
	require.Equal(t, "ab", sanitize("a\x1b[2Jb\x1b[", true), "foreign and unfinished sequences go")
	require.Equal(t, "a\uFFFDb", sanitize("a\xffb", true))
	require.Equal(t, "ab", sanitize("a\x1b]8;;http://x\x1b\\b", true), "OSC goes")
}

func TestTruncate(t *testing.T) {
	require.Equal(t, "ab", truncate("abc", 2))
	require.Equal(t, "a", truncate("a国", 2))
	require.Equal(t, "🚀", truncate("🚀🚀", 3))
	require.Equal(t, "👨‍👩‍👧", truncate("👨‍👩‍👧x", 2), "a ZWJ sequence is never split")
	require.Equal(t, "\x1b[31mre\x1b[0m", truncate("\x1b[31mred\x1b[0m", 2), "the cut is reset")
	require.Equal(t, "\x1b[31mred\x1b[0m", truncate("\x1b[31mred\x1b[0m", 5), "a trailing sequence waits for text that never comes")
	require.Equal(t, "ab", truncate("ab\x1b[31mcd", 2), "a sequence after the cut is not written")
	require.Equal(t, "", truncate("国", 1))
	require.Equal(t, "", truncate("abc", 0))
}
