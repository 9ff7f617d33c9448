package site

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
)

// Flag images are 120×80 paletted GIFs in one of four layouts and three of
// eight colours, all chosen from the country's position in the table, so every
// country has its own image and the same one on every run.
const (
	flagWidth  = 120
	flagHeight = 80
)

var flagPalette = color.Palette{
	color.RGBA{0xC8, 0x10, 0x2E, 0xFF}, // red
	color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}, // white
	color.RGBA{0x00, 0x38, 0xA8, 0xFF}, // blue
	color.RGBA{0x00, 0x7A, 0x3D, 0xFF}, // green
	color.RGBA{0xFC, 0xD1, 0x16, 0xFF}, // yellow
	color.RGBA{0x00, 0x00, 0x00, 0xFF}, // black
	color.RGBA{0xFF, 0x88, 0x00, 0xFF}, // orange
	color.RGBA{0x6C, 0xAC, 0xE4, 0xFF}, // light blue
}

// flagDesign picks a distinct (layout, colours) design for ordinal n < 1568:
// 4 layouts × 8 × 7 × 7 colours, neighbouring areas always of different
// colours. 97 is coprime to 1568, so distinct ordinals get distinct designs.
func flagDesign(n int) (layout int, c [3]uint8) {
	const designs = 4 * 8 * 7 * 7
	i := (n*97 + 11) % designs
	layout, i = i%4, i/4
	c0 := i % 8
	i /= 8
	c1 := (c0 + 1 + i%7) % 8
	i /= 7
	c2 := (c1 + 1 + i%7) % 8
	return layout, [3]uint8{uint8(c0), uint8(c1), uint8(c2)}
}

// flagImage draws the flag of the country at ordinal n.
func flagImage(n int) *image.Paletted {
	layout, c := flagDesign(n)
	img := image.NewPaletted(image.Rect(0, 0, flagWidth, flagHeight), flagPalette)
	for y := range flagHeight {
		row := img.Pix[y*img.Stride : y*img.Stride+flagWidth]
		for x := range row {
			var k uint8
			switch layout {
			case 0: // three horizontal bands
				k = c[y*3/flagHeight]
			case 1: // three vertical bands
				k = c[x*3/flagWidth]
			case 2: // two horizontal bands and a canton
				k = c[y*2/flagHeight]
				if x < flagWidth*2/5 && y < flagHeight/2 {
					k = c[2]
				}
			default: // a Nordic cross with a square in its centre
				k = c[0]
				if (x >= 36 && x < 52) || (y >= 32 && y < 48) {
					k = c[1]
				}
				if x >= 40 && x < 48 && y >= 36 && y < 44 {
					k = c[2]
				}
			}
			row[x] = k
		}
	}
	return img
}

// encodeFlag returns the GIF file of the country at ordinal n.
func encodeFlag(n int) []byte {
	var buf bytes.Buffer
	// Encoding an in-memory paletted image into a bytes.Buffer cannot fail.
	_ = gif.Encode(&buf, flagImage(n), &gif.Options{NumColors: len(flagPalette)})
	return buf.Bytes()
}
