package site

import (
	"context"
	"io"
	"net"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

func TestLimitListener(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		pipe := NewPipeListener()
		l := LimitListener(pipe, 2)
		accepted := make(chan net.Conn, 3)
		go func() {
			for {
				c, err := l.Accept()
				if err != nil {
					close(accepted)
					return
				}
				accepted <- c
			}
		}()
		var clients []net.Conn
		for range 2 {
			c, err := pipe.DialContext(context.Background(), "", "")
			require.NoError(t, err)
			clients = append(clients, c)
		}
		first, second := <-accepted, <-accepted

		// A third client waits: Accept is blocked on the limit.
		dialed := make(chan net.Conn, 1)
		go func() {
			c, err := pipe.DialContext(context.Background(), "", "")
			require.NoError(t, err)
			dialed <- c
		}()
		synctest.Wait()
		require.Empty(t, dialed)

		require.NoError(t, first.Close())
		require.NoError(t, first.Close(), "a second close gives nothing back")
		third := <-accepted
		clients = append(clients, <-dialed)
		synctest.Wait()
		require.Empty(t, accepted)

		require.NoError(t, l.Close())
		_, open := <-accepted
		require.False(t, open, "Close ends a waiting Accept")
		for _, c := range append(clients, second, third) {
			c.Close()
		}
	})
}

// Clients that keep their connections open between requests cannot lock a
// full server out: a new client gets in at once, in place of an idle
// keep-alive connection, not after the idle timeout. The clients whose
// connection went get a new one on their next request.
func TestLimitListenerReclaimsIdle(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newSite(t, Local())
		pipe := NewPipeListener()
		srv := s.Start(LimitListener(pipe, 2))
		defer srv.Close()
		get := func(c *http.Client) {
			t.Helper()
			resp, err := c.Get(srv.URL + "/br/br.gif")
			require.NoError(t, err)
			_, err = io.Copy(io.Discard, resp.Body)
			require.NoError(t, err)
			resp.Body.Close()
			require.Equal(t, http.StatusOK, resp.StatusCode)
		}
		var clients []*http.Client
		for range 3 {
			tr := &http.Transport{DialContext: pipe.DialContext}
			defer tr.CloseIdleConnections()
			clients = append(clients, &http.Client{Transport: tr})
		}
		get(clients[0])
		get(clients[1]) // both connections stay open, idle: the limit is reached
		start := time.Now()
		get(clients[2])
		require.Less(t, time.Since(start), time.Second, "the third client waited for an idle timeout")
		get(clients[0]) // whichever lost its connection dials again
		get(clients[1])
	})
}

// The same when the connections go idle only after the new client began to
// wait: the first one to go idle is closed for it.
func TestLimitListenerReclaimsIdleDuringWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newSite(t, Behaviour{MinDelay: time.Second, MaxDelay: time.Second})
		pipe := NewPipeListener()
		srv := s.Start(LimitListener(pipe, 2))
		defer srv.Close()
		get := func(c *http.Client) error {
			resp, err := c.Get(srv.URL + "/br/br.gif")
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			_, err = io.Copy(io.Discard, resp.Body)
			return err
		}
		var clients []*http.Client
		for range 3 {
			tr := &http.Transport{DialContext: pipe.DialContext}
			defer tr.CloseIdleConnections()
			clients = append(clients, &http.Client{Transport: tr})
		}
		start := time.Now()
		errs := make(chan error, 2)
		go func() { errs <- get(clients[0]) }()
		go func() { errs <- get(clients[1]) }()
		synctest.Wait() // both connections busy, in the site's delay: none idle
		require.NoError(t, get(clients[2]))
		require.Equal(t, 2*time.Second, time.Since(start), "admitted when the first two went idle, after their 1 s delay")
		require.NoError(t, <-errs)
		require.NoError(t, <-errs)
	})
}
