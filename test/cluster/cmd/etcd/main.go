// Command etcd runs a single-member etcd server for podmortem's integration
// tests. It embeds go.etcd.io/etcd/server/v3 so the test control plane is built
// from Go modules only, and it listens on loopback addresses only.
package main

import (
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"go.etcd.io/etcd/server/v3/embed"
)

func main() {
	dataDir := flag.String("data-dir", "", "directory for etcd's data (required)")
	clientPort := flag.Int("client-port", 0, "loopback port for clients (required)")
	peerPort := flag.Int("peer-port", 0, "loopback port for the (single) peer listener (required)")
	name := flag.String("name", "podmortem-test", "member name")
	logLevel := flag.String("log-level", "warn", "zap log level: debug, info, warn, error")
	startTimeout := flag.Duration("start-timeout", 60*time.Second, "how long to wait for the server to become ready")
	flag.Parse()

	if *dataDir == "" || *clientPort <= 0 || *peerPort <= 0 {
		fmt.Fprintln(os.Stderr, "etcd: --data-dir, --client-port and --peer-port are required")
		flag.Usage()
		os.Exit(2)
	}

	loopback := func(port int) url.URL {
		return url.URL{Scheme: "http", Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(port))}
	}
	client := loopback(*clientPort)
	peer := loopback(*peerPort)

	cfg := embed.NewConfig()
	cfg.Name = *name
	cfg.Dir = *dataDir
	cfg.ListenClientUrls = []url.URL{client}
	cfg.AdvertiseClientUrls = []url.URL{client}
	cfg.ListenPeerUrls = []url.URL{peer}
	cfg.AdvertisePeerUrls = []url.URL{peer}
	cfg.InitialCluster = fmt.Sprintf("%s=%s", *name, peer.String())
	cfg.ClusterState = embed.ClusterStateFlagNew
	cfg.LogLevel = *logLevel
	// A test store stays small; keep etcd from reserving a large backend.
	cfg.QuotaBackendBytes = 256 * 1024 * 1024

	e, err := embed.StartEtcd(cfg)
	if err != nil {
		fmt.Fprintf(os.Stderr, "etcd: start failed: %v\n", err)
		os.Exit(1)
	}

	select {
	case <-e.Server.ReadyNotify():
		fmt.Fprintf(os.Stderr, "etcd: ready, serving clients on %s\n", client.String())
	case <-time.After(*startTimeout):
		e.Server.Stop()
		fmt.Fprintf(os.Stderr, "etcd: not ready after %s\n", *startTimeout)
		os.Exit(1)
	}

	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)

	select {
	case sig := <-sigs:
		fmt.Fprintf(os.Stderr, "etcd: %s received, stopping\n", sig)
		e.Close()
	case err := <-e.Err():
		fmt.Fprintf(os.Stderr, "etcd: server error: %v\n", err)
		e.Close()
		os.Exit(1)
	}
}
