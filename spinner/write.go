package spinner

import "bytes"

// Write prints p above the spinner: it clears the spinner's line, writes the
// complete lines of p and redraws the spinner below them, all in one write
// to the spinner's writer, so that
//
//	log.SetOutput(s)
//	slog.New(slog.NewTextHandler(s, nil))
//
// print while it spins and nothing lands on the spinner's line. An
// unfinished line is held until its newline arrives (or the spinner stops,
// when it is written as it is). On a spinner that is not spinning, Write
// writes p straight through. Write blocks while the writer blocks. It
// returns len(p), or 0 and the writer's error.
func (s *Spinner) Write(p []byte) (int, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if !s.live {
		out := append(s.partial, p...)
		s.partial = nil
		if err := s.writeLocked(string(out)); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	if !s.terminal && s.cfg.delay == 0 {
		s.mu.Lock()
		r := s.cur
		s.mu.Unlock()
		s.showLocked(r) // the message line comes before the lines written
	}
	s.partial = append(s.partial, p...)
	i := bytes.LastIndexByte(s.partial, '\n')
	if i < 0 {
		return len(p), nil
	}
	var b bytes.Buffer
	redraw := s.terminal && s.visible
	if redraw {
		b.WriteString("\r" + clearEOL)
	}
	b.Write(s.partial[:i+1])
	if redraw {
		b.WriteString(s.frameLine())
	}
	s.partial = append([]byte(nil), s.partial[i+1:]...)
	if err := s.writeLocked(b.String()); err != nil {
		return 0, err
	}
	return len(p), nil
}
