// Command cri-reset stops and removes every pod sandbox and container that a
// CRI runtime (the test node's containerd) holds, through the same CRI calls
// kubelet makes. Stopping a sandbox through CRI is what runs the CNI DEL that
// tears down its network namespace, veth and IP reservation, so test/cluster/down
// calls this before it stops containerd and nothing of the pods is left behind.
//
//	cri-reset --endpoint unix:///path/to/containerd.sock [--timeout 60s]
//
// It prints one line per removed object and exits non-zero if anything is still
// there when the timeout ends.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	runtimeapi "k8s.io/cri-api/pkg/apis/runtime/v1"
)

func main() {
	endpoint := flag.String("endpoint", "", "CRI endpoint, unix:///path/to/socket (required)")
	timeout := flag.Duration("timeout", 60*time.Second, "give up after this long")
	flag.Parse()
	if !strings.HasPrefix(*endpoint, "unix://") {
		fmt.Fprintln(os.Stderr, "cri-reset: --endpoint unix:///path/to/socket is required")
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	if err := reset(ctx, *endpoint); err != nil {
		fmt.Fprintf(os.Stderr, "cri-reset: %v\n", err)
		os.Exit(1)
	}
}

func reset(ctx context.Context, endpoint string) error {
	conn, err := grpc.NewClient(endpoint, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return fmt.Errorf("connect %s: %w", endpoint, err)
	}
	defer conn.Close()
	rt := runtimeapi.NewRuntimeServiceClient(conn)

	// kubelet may have been stopped halfway through starting a container: containerd
	// refuses to remove one "in starting state" until that start is over, so a pass
	// that leaves something behind is tried again until the deadline.
	for {
		err := removeAll(ctx, rt)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// removeAll stops and removes every container, then every pod sandbox; it returns
// the first error after trying them all.
func removeAll(ctx context.Context, rt runtimeapi.RuntimeServiceClient) error {
	var first error
	keep := func(err error) {
		if first == nil {
			first = err
		}
	}

	containers, err := rt.ListContainers(ctx, &runtimeapi.ListContainersRequest{})
	if err != nil {
		return fmt.Errorf("list containers: %w", err)
	}
	for _, c := range containers.Containers {
		name := c.Labels["io.kubernetes.pod.name"] + "/" + c.Metadata.GetName()
		if _, err := rt.StopContainer(ctx, &runtimeapi.StopContainerRequest{ContainerId: c.Id, Timeout: 0}); err != nil {
			keep(fmt.Errorf("stop container %s (%s): %w", name, c.Id, err))
			continue
		}
		if _, err := rt.RemoveContainer(ctx, &runtimeapi.RemoveContainerRequest{ContainerId: c.Id}); err != nil {
			keep(fmt.Errorf("remove container %s (%s): %w", name, c.Id, err))
			continue
		}
		fmt.Printf("removed container %s\n", name)
	}

	sandboxes, err := rt.ListPodSandbox(ctx, &runtimeapi.ListPodSandboxRequest{})
	if err != nil {
		return fmt.Errorf("list pod sandboxes: %w", err)
	}
	for _, s := range sandboxes.Items {
		name := s.Metadata.GetNamespace() + "/" + s.Metadata.GetName()
		// Stop tears the network down (CNI DEL); remove then drops the sandbox and
		// any container of it still there.
		if _, err := rt.StopPodSandbox(ctx, &runtimeapi.StopPodSandboxRequest{PodSandboxId: s.Id}); err != nil {
			keep(fmt.Errorf("stop pod sandbox %s: %w", name, err))
			continue
		}
		if _, err := rt.RemovePodSandbox(ctx, &runtimeapi.RemovePodSandboxRequest{PodSandboxId: s.Id}); err != nil {
			keep(fmt.Errorf("remove pod sandbox %s: %w", name, err))
			continue
		}
		fmt.Printf("removed pod sandbox %s\n", name)
	}
	if first != nil {
		return first
	}

	left, err := rt.ListContainers(ctx, &runtimeapi.ListContainersRequest{})
	if err != nil {
		return fmt.Errorf("list containers: %w", err)
	}
	sandboxesLeft, err := rt.ListPodSandbox(ctx, &runtimeapi.ListPodSandboxRequest{})
	if err != nil {
		return fmt.Errorf("list pod sandboxes: %w", err)
	}
	if n, m := len(left.Containers), len(sandboxesLeft.Items); n+m > 0 {
		return fmt.Errorf("%d containers and %d pod sandboxes are still there", n, m)
	}
	return nil
}
