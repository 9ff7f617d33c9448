// Package domains probes domain names with DNS lookups, concurrently, and
// yields the results in the order they complete: the book's domainlib.py
// (Fluent Python 2e, 21-async/domains/asyncio), on tulip's futures,
// semaphore and as-completed iterator. The blogdom and domaincheck commands
// are built on it.
//
//	Python (domainlib.py)                   Go
//	await probe(domain)                      Probe(ctx, domain, opts...)
//	async for r in multi_probe(domains)      for r, err := range MultiProbe(ctx, domains, opts...)
//	Result(domain, found)                    Result{Domain, Found, Err}
//
// Unlike the book's, every lookup has a timeout (WithTimeout), at most a
// bounded number run at once (WithLimit), and the resolver is injectable
// (WithServer, WithResolver), so the tests use a DNS server of their own on
// loopback.
package domains
