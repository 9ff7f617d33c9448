package remote

import (
	"runtime"
	"time"
)

// config is what clients and workers must agree on.
type config struct {
	prefix        string
	tasksStream   string
	resultsStream string
	cancelsStream string
	replicas      int
	retention     time.Duration
	codec         Codec
	taskTimeout   time.Duration
	setupTimeout  time.Duration
}

func defaultConfig() config {
	return config{
		prefix:        "tulip",
		tasksStream:   "TULIP_TASKS",
		resultsStream: "TULIP_RESULTS",
		cancelsStream: "TULIP_CANCELS",
		replicas:      1,
		retention:     24 * time.Hour,
		codec:         JSON{},
		setupTimeout:  10 * time.Second,
	}
}

type workerConfig struct {
	config
	concurrency  int
	ackWait      time.Duration
	maxDeliver   int
	consumer     string
	drainTimeout time.Duration
	fetchWait    time.Duration
}

type clientConfig struct {
	config
	publishTimeout time.Duration
}

// WorkerOption configures NewWorker.
type WorkerOption interface{ applyWorker(*workerConfig) }

// ClientOption configures NewClient.
type ClientOption interface{ applyClient(*clientConfig) }

// Option configures both sides: clients and workers of one pool must be given
// the same ones.
type Option interface {
	WorkerOption
	ClientOption
}

type sharedOption func(*config)

func (o sharedOption) applyWorker(c *workerConfig) { o(&c.config) }
func (o sharedOption) applyClient(c *clientConfig) { o(&c.config) }

type workerOption func(*workerConfig)

func (o workerOption) applyWorker(c *workerConfig) { o(c) }

type clientOption func(*clientConfig)

func (o clientOption) applyClient(c *clientConfig) { o(c) }

// WithCodec sets the codec for tasks' inputs and outputs (default JSON).
func WithCodec(c Codec) Option {
	return sharedOption(func(cfg *config) {
		if c != nil {
			cfg.codec = c
		}
	})
}

// SubjectPrefix sets the first token of every subject used (default
// "tulip"): tasks go to PREFIX.tasks, results to PREFIX.results.CLIENT.TASK,
// cancellations to PREFIX.cancel.TASK. Separate pools on one server need
// separate prefixes and stream names.
func SubjectPrefix(p string) Option {
	return sharedOption(func(cfg *config) {
		if p != "" {
			cfg.prefix = p
		}
	})
}

// StreamNames sets the names of the three JetStream streams (defaults
// TULIP_TASKS, TULIP_RESULTS, TULIP_CANCELS). An empty name keeps the default.
func StreamNames(tasks, results, cancels string) Option {
	return sharedOption(func(cfg *config) {
		for _, p := range []struct {
			dst *string
			v   string
		}{{&cfg.tasksStream, tasks}, {&cfg.resultsStream, results}, {&cfg.cancelsStream, cancels}} {
			if p.v != "" {
				*p.dst = p.v
			}
		}
	})
}

// Replicas sets the streams' replica count (default 1; 3 on a three-server
// cluster survives the loss of one server). Every NewClient and NewWorker
// creates the streams or updates them to its own options, so give every
// member of a pool the same ones.
func Replicas(n int) Option {
	return sharedOption(func(cfg *config) {
		if n > 0 {
			cfg.replicas = n
		}
	})
}

// Retention bounds how long a task, an unread result and a cancellation
// marker are kept (default 24 hours): results of a client that died, and
// tasks no worker took, are dropped after it.
func Retention(d time.Duration) Option {
	return sharedOption(func(cfg *config) {
		if d > 0 {
			cfg.retention = d
		}
	})
}

// TaskTimeout bounds a task's running time. On a client it is sent with every
// task; on a worker it caps every task it runs; the shorter one applies. When
// it passes, the function's context ends, and if the function then returns an
// error the future fails with ErrTimeout. Default: none.
func TaskTimeout(d time.Duration) Option {
	return sharedOption(func(cfg *config) {
		if d > 0 {
			cfg.taskTimeout = d
		}
	})
}

// SetupTimeout bounds NewClient's and NewWorker's requests to the server
// (creating streams and consumers; default 10 s) and Close's clean-up.
func SetupTimeout(d time.Duration) Option {
	return sharedOption(func(cfg *config) {
		if d > 0 {
			cfg.setupTimeout = d
		}
	})
}

// Concurrency sets how many tasks a worker runs at once (default
// GOMAXPROCS). The worker never takes more tasks from the server than it
// has free slots: nothing waits in the worker while its ack wait runs out.
func Concurrency(n int) WorkerOption {
	return workerOption(func(c *workerConfig) {
		if n > 0 {
			c.concurrency = n
		}
	})
}

// AckWait sets how long the server waits for news of a task before it
// redelivers it to another worker (default 30 s). A worker sends an
// in-progress heartbeat for each running task every AckWait/3, so long tasks
// are not redelivered while their worker lives; a worker that dies has its
// tasks redelivered after AckWait. It is a setting of the workers' shared
// consumer: the last worker to start sets it.
func AckWait(d time.Duration) WorkerOption {
	return workerOption(func(c *workerConfig) {
		if d > 0 {
			c.ackWait = d
		}
	})
}

// MaxDeliver gives a task up after it was delivered n times (workers kept
// dying on it): its future fails with ErrTooManyDeliveries. Default 0: never.
func MaxDeliver(n int) WorkerOption {
	return workerOption(func(c *workerConfig) {
		if n > 0 {
			c.maxDeliver = n
		}
	})
}

// ConsumerName sets the name of the durable consumer the workers share
// (default "tulip-workers"). Workers with different names each get every task.
func ConsumerName(name string) WorkerOption {
	return workerOption(func(c *workerConfig) {
		if name != "" {
			c.consumer = name
		}
	})
}

// DrainTimeout bounds how long Run waits for running tasks once its ctx has
// ended (default 30 s). Tasks still running then have their context
// cancelled and are handed back to the server for another worker.
func DrainTimeout(d time.Duration) WorkerOption {
	return workerOption(func(c *workerConfig) {
		if d > 0 {
			c.drainTimeout = d
		}
	})
}

// PublishTimeout bounds how long Submit keeps trying to store a task while the
// server is unreachable (default 30 s, and never past Submit's ctx). Retries
// carry the same task id, so the server stores the task once.
func PublishTimeout(d time.Duration) ClientOption {
	return clientOption(func(c *clientConfig) {
		if d > 0 {
			c.publishTimeout = d
		}
	})
}

func newWorkerConfig(opts []WorkerOption) workerConfig {
	c := workerConfig{
		config:       defaultConfig(),
		concurrency:  runtime.GOMAXPROCS(0),
		ackWait:      30 * time.Second,
		consumer:     "tulip-workers",
		drainTimeout: 30 * time.Second,
		fetchWait:    300 * time.Millisecond,
	}
	for _, o := range opts {
		if o != nil {
			o.applyWorker(&c)
		}
	}
	return c
}

func newClientConfig(opts []ClientOption) clientConfig {
	c := clientConfig{config: defaultConfig(), publishTimeout: 30 * time.Second}
	for _, o := range opts {
		if o != nil {
			o.applyClient(&c)
		}
	}
	return c
}
