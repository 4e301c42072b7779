// Command cri-reset stops and removes every pod sandbox and container that a
// CRI runtime (the test node's containerd) holds, through the same CRI calls
// kubelet makes. Stopping a sandbox through CRI is what runs the CNI DEL that
// tears down its network namespace, veth and IP reservation, so test/cluster/down
// calls this before it stops containerd and nothing of the pods is left behind.
//
//	cri-reset --endpoint unix:///path/to/containerd.sock [--timeout 60s]
//
// It prints one line per removed object and exits non-zero if anything is left.
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

	containers, err := rt.ListContainers(ctx, &runtimeapi.ListContainersRequest{})
	if err != nil {
		return fmt.Errorf("list containers: %w", err)
	}
	for _, c := range containers.Containers {
		// RemoveContainer kills a running container first.
		if _, err := rt.RemoveContainer(ctx, &runtimeapi.RemoveContainerRequest{ContainerId: c.Id}); err != nil {
			return fmt.Errorf("remove container %s (%s): %w", c.Metadata.GetName(), c.Id, err)
		}
		fmt.Printf("removed container %s/%s\n", c.Labels["io.kubernetes.pod.name"], c.Metadata.GetName())
	}

	sandboxes, err := rt.ListPodSandbox(ctx, &runtimeapi.ListPodSandboxRequest{})
	if err != nil {
		return fmt.Errorf("list pod sandboxes: %w", err)
	}
	for _, s := range sandboxes.Items {
		name := s.Metadata.GetNamespace() + "/" + s.Metadata.GetName()
		// Stop tears the network down (CNI DEL); remove then drops the sandbox.
		if _, err := rt.StopPodSandbox(ctx, &runtimeapi.StopPodSandboxRequest{PodSandboxId: s.Id}); err != nil {
			return fmt.Errorf("stop pod sandbox %s: %w", name, err)
		}
		if _, err := rt.RemovePodSandbox(ctx, &runtimeapi.RemovePodSandboxRequest{PodSandboxId: s.Id}); err != nil {
			return fmt.Errorf("remove pod sandbox %s: %w", name, err)
		}
		fmt.Printf("removed pod sandbox %s\n", name)
	}

	left, err := rt.ListPodSandbox(ctx, &runtimeapi.ListPodSandboxRequest{})
	if err != nil {
		return fmt.Errorf("list pod sandboxes: %w", err)
	}
	if n := len(left.Items); n > 0 {
		return fmt.Errorf("%d pod sandboxes are still there", n)
	}
	return nil
}
