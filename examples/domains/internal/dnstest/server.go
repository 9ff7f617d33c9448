// Package dnstest runs a real DNS server on 127.0.0.1 for the domains
// tests (github.com/miekg/dns): names it knows resolve, names it was told to
// stall never answer in time, names it gates answer when the test releases
// them, failing names get SERVFAIL, and every other name is NXDOMAIN. Only test code imports it.
package dnstest

import (
	"net"
	"strings"
	"sync"
	"testing"

	"github.com/miekg/dns"
	"github.com/stretchr/testify/require"
)

// Zone says how the server answers, by domain name (without the final dot,
// any case).
type Zone struct {
	Found []string // answer with A 127.0.0.2 (and an empty AAAA)
	Slow  []string // answer nothing until the server is closed
	Gated []string // answer like Found once Release(name) is called
	Fail  []string // answer SERVFAIL
}

// Server is a running DNS server, from Start or New.
type Server struct {
	// Addr is the server's UDP address, "127.0.0.1:port".
	Addr string
	// Arrivals receives each gated name when its first query arrives
	// (buffered for every gated name).
	Arrivals chan string

	zone    map[string]string // name → "found", "slow", "gated"
	closed  chan struct{}
	served  chan error
	srv     *dns.Server
	mu      sync.Mutex
	gates   map[string]chan struct{}
	seen    map[string]bool
	active  map[string]int // gated name → queries being handled
	maxAct  int
	queries int
}

// Start starts a server on 127.0.0.1 answering per zone, closed by
// t.Cleanup.
func Start(t testing.TB, zone Zone) *Server {
	t.Helper()
	s, err := New(zone)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, s.Close()) })
	return s
}

// New starts a server on 127.0.0.1 answering per zone (for Examples, which
// have no testing.TB); Close stops it.
func New(zone Zone) (*Server, error) {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{
		Addr:     pc.LocalAddr().String(),
		Arrivals: make(chan string, len(zone.Gated)),
		zone:     map[string]string{},
		closed:   make(chan struct{}),
		served:   make(chan error, 1),
		gates:    map[string]chan struct{}{},
		seen:     map[string]bool{},
		active:   map[string]int{},
	}
	for kind, names := range map[string][]string{"found": zone.Found, "slow": zone.Slow, "gated": zone.Gated, "fail": zone.Fail} {
		for _, n := range names {
			s.zone[strings.ToLower(n)] = kind
			if kind == "gated" {
				s.gates[strings.ToLower(n)] = make(chan struct{})
			}
		}
	}
	started := make(chan struct{})
	s.srv = &dns.Server{PacketConn: pc, Handler: dns.HandlerFunc(s.serve), NotifyStartedFunc: func() { close(started) }}
	go func() { s.served <- s.srv.ActivateAndServe() }()
	select {
	case <-started:
	case err := <-s.served:
		return nil, err
	}
	return s, nil
}

// Close answers nothing more, unblocks the stalled handlers and stops the
// server, waiting for it.
func (s *Server) Close() error {
	close(s.closed)
	err := s.srv.Shutdown()
	<-s.served
	return err
}

// Release lets the gated name's queries be answered.
func (s *Server) Release(name string) { close(s.gates[strings.ToLower(name)]) }

// MaxGatedInFlight is the largest number of distinct gated names whose
// queries were being handled at the same moment.
func (s *Server) MaxGatedInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxAct
}

// Queries is how many queries the server received.
func (s *Server) Queries() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.queries
}

func (s *Server) serve(w dns.ResponseWriter, req *dns.Msg) {
	if len(req.Question) != 1 {
		m := new(dns.Msg)
		m.SetRcode(req, dns.RcodeFormatError)
		_ = w.WriteMsg(m)
		return
	}
	q := req.Question[0]
	name := strings.ToLower(strings.TrimSuffix(q.Name, "."))
	s.mu.Lock()
	s.queries++
	s.mu.Unlock()
	m := new(dns.Msg)
	m.SetReply(req)
	switch s.zone[name] {
	case "slow":
		<-s.closed
		return
	case "gated":
		s.mu.Lock()
		if !s.seen[name] {
			s.seen[name] = true
			s.Arrivals <- name
		}
		s.active[name]++
		s.maxAct = max(s.maxAct, len(s.active))
		s.mu.Unlock()
		select {
		case <-s.gates[name]:
		case <-s.closed:
			return
		}
		s.mu.Lock()
		if s.active[name]--; s.active[name] == 0 {
			delete(s.active, name)
		}
		s.mu.Unlock()
		fallthrough
	case "found":
		if q.Qtype == dns.TypeA {
			m.Answer = append(m.Answer, &dns.A{
				Hdr: dns.RR_Header{Name: q.Name, Rrtype: dns.TypeA, Class: dns.ClassINET, Ttl: 60},
				A:   net.IPv4(127, 0, 0, 2),
			})
		}
	case "fail":
		m.SetRcode(req, dns.RcodeServerFailure)
	default:
		m.SetRcode(req, dns.RcodeNameError)
	}
	_ = w.WriteMsg(m)
}
