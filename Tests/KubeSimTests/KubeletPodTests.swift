// KubeletPodTests: pods on a real cluster — start-up over CRI, image pulls, restarts and back-offs,
// probes, init containers, restart policies, termination, logs, exec and admission.
import Testing

@testable import KubeSim

struct KubeletPodTests {
  static let nginx = """
    apiVersion: v1
    kind: Pod
    metadata:
      name: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
    """

  @Test func podStartsOverCRI() throws {
    let h = KubeletHarness()
    let first = h.cluster.context.log.nextSeq
    let created = h.run(yaml: Self.nginx)
    h.ticks(2)
    let pending = try #require(h.get("nginx"))
    #expect(pending.status.phase == "Pending")
    #expect(pending.status.containerStatuses.first?.state.waiting?.reason == "ContainerCreating")
    #expect(pending.status.podIP.hasPrefix("10.244.1."))
    #expect(pending.condition("PodReadyToStartContainers")?.status == "True")
    #expect(pending.condition("Ready")?.message == "containers with unready status: [nginx]")
    h.ticks(3)
    let pod = try #require(h.get("nginx"))
    #expect(pod.status.phase == "Running")
    #expect(pod.isReady)
    let cs = try #require(pod.status.containerStatuses.first)
    #expect(cs.state.running != nil)
    #expect(cs.ready && cs.started == true)
    #expect(cs.image == "docker.io/library/nginx:1.14.2")
    #expect(
      cs.imageID == "docker.io/library/nginx@sha256:f7988fb6c02e0ce69257d9bd9cf37ae20a60f1df7563c3a2a6abe24160306b8d")
    #expect(cs.containerID.hasPrefix("containerd://") && cs.containerID.count == 13 + 64)
    #expect(pod.status.hostIP == "192.168.56.11")
    #expect(pod.status.qosClass == "BestEffort")
    #expect(
      pod.status.conditions.map(\.type) == [
        "PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled",
      ])
    // CRI calls in upstream's order: sandbox, image, container.
    let calls = h.cluster.context.log.since(seq: first).filter { $0.kind == .cri && $0.from == .kubelet("node-1") }.map(
      \.verb)
    let order = ["RunPodSandbox", "PullImage", "CreateContainer", "StartContainer"].map { v in
      calls.firstIndex(of: v) ?? -1
    }
    #expect(order.allSatisfy { $0 >= 0 })
    #expect(order == order.sorted())
    #expect(
      h.events(for: "nginx") == [
        "Pulling: Pulling image \"nginx:1.14.2\"",
        "Pulled: Successfully pulled image \"nginx:1.14.2\" in 1.888s (1.888s including waiting). Image size: 44412346 bytes.",
        "Created: Created container: nginx", "Started: Started container nginx",
      ])
    // The web server answers on its pod IP.
    let body = h.cluster.node("node-1")!.runtime.serve(ip: pod.status.podIP, port: 80, path: "/")?.body ?? ""
    #expect(body.contains("<title>Welcome to nginx!</title>"))
    _ = created
  }

  @Test func presentImageIsNotPulledAgain() throws {
    let h = KubeletHarness()
    h.run(yaml: Self.nginx)
    h.ticks(5)
    var second = KubeletHarness.pod(Self.nginx)
    second.metadata.name = "nginx-2"
    let mark = h.cluster.context.log.nextSeq
    h.run(second)
    h.ticks(3)
    #expect(h.get("nginx-2")?.status.phase == "Running")
    let pulls = h.cluster.context.log.since(seq: mark).filter { $0.verb == "PullImage" }
    #expect(pulls.isEmpty)
    #expect(h.events(for: "nginx-2").first == "Pulled: Container image \"nginx:1.14.2\" already present on machine")
    // node.status.images lists it for ImageLocality.
    h.ticks(10)
    #expect(h.node("node-1")?.status.images.contains { $0.names.contains("docker.io/library/nginx:1.14.2") } == true)
  }

  @Test func missingImageBacksOff() throws {
    let h = KubeletHarness()
    var pod = KubeletHarness.pod(Self.nginx)
    pod.spec.containers[0].image = "nginx:nope"
    h.run(pod)
    var reasons: [String] = []
    var pullTimes: [Int64] = []
    let mark = h.cluster.context.log.nextSeq
    for _ in 0..<75 {
      h.ticks(1)
      if let w = h.container("nginx")?.state.waiting, reasons.last != w.reason { reasons.append(w.reason) }
    }
    for m in h.cluster.context.log.since(seq: mark) where m.verb == "PullImage" && m.from == .kubelet("node-1") {
      pullTimes.append(Int64(m.tick))
    }
    #expect(Array(reasons.prefix(4)) == ["ContainerCreating", "ErrImagePull", "ImagePullBackOff", "ErrImagePull"])
    let gaps = zip(pullTimes.dropFirst(), pullTimes).map { $0 - $1 }
    // Each retry waits the back-off (10, 20, 40 s) after the failure, which comes a second after the pull.
    #expect(gaps == [11, 21, 41])
    let events = h.events(for: "nginx")
    #expect(
      events.contains(
        "Failed: Failed to pull image \"nginx:nope\": rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nginx:nope\": failed to resolve reference \"docker.io/library/nginx:nope\": docker.io/library/nginx:nope: not found"
      ))
    #expect(events.contains("Failed: Error: ErrImagePull"))
    #expect(events.contains("BackOff: Back-off pulling image \"nginx:nope\""))
    #expect(events.contains("Failed: Error: ImagePullBackOff"))
    h.ticks(2)
    let w = h.container("nginx")?.state.waiting
    if w?.reason == "ImagePullBackOff" {
      #expect(w?.message == "Back-off pulling image \"nginx:nope\"")
    } else {
      #expect(w?.message.hasPrefix("rpc error: code = NotFound desc = failed to pull and unpack image") == true)
    }
    #expect(h.get("nginx")?.status.phase == "Pending")
  }

  @Test func crashLoopBackOffDoubles() throws {
    let h = KubeletHarness()
    let pod = h.run(
      yaml: """
        apiVersion: v1
        kind: Pod
        metadata:
          name: crash
        spec:
          containers:
          - name: crash
            image: kubelab/crash
            imagePullPolicy: IfNotPresent
        """)
    let rt = h.cluster.node("node-1")!.runtime
    var lifetimes: [String: (created: Time, start: Time, finish: Time?)] = [:]
    var backoffMessage = ""
    for _ in 0..<960 {
      h.ticks(1)
      for c in rt.allContainers where c.config.metadata.name == "crash" {
        lifetimes[c.id] = (c.createdAt, c.startedAt!, c.finishedAt)
      }
      if backoffMessage.isEmpty, let w = h.container("crash")?.state.waiting, w.reason == "CrashLoopBackOff" {
        backoffMessage = w.message
      }
    }
    let runs = lifetimes.values.sorted { $0.created < $1.created }
    // The back-off between an exit and the next start: none at first, then 10 s doubling to 300 s.
    var waits: [Int64] = []
    for i in 1..<runs.count { if let f = runs[i - 1].finish { waits.append(f.seconds(until: runs[i].start)) } }
    #expect(Array(waits.prefix(8)) == [0, 10, 20, 40, 80, 160, 300, 300])
    let uid = try #require(h.get("crash")?.metadata.uid)
    #expect(backoffMessage == "back-off 10s restarting failed container=crash pod=crash_default(\(uid))")
    #expect(
      h.events(for: "crash").contains(
        "BackOff: Back-off restarting failed container crash in pod crash_default(\(uid))"))
    let status = try #require(h.container("crash"))
    #expect(status.restartCount >= 7)
    #expect(status.lastState.terminated?.reason == "Error")
    #expect(status.lastState.terminated?.exitCode == 1)
    // While it waits in back-off, the last state is the exit of the current instance.
    if status.state.waiting?.reason == "CrashLoopBackOff" {
      #expect(status.lastState.terminated?.containerID == status.containerID)
    }
    #expect(h.get("crash")?.status.phase == "Running")
    _ = pod
  }

  @Test func stressOverTheMemoryLimitIsOOMKilled() throws {
    let h = KubeletHarness()
    h.run(
      yaml: """
        apiVersion: v1
        kind: Pod
        metadata:
          name: memory-demo-2
        spec:
          containers:
          - name: memory-demo-2-ctr
            image: polinux/stress
            resources:
              requests:
                memory: "50Mi"
              limits:
                memory: "100Mi"
            command: ["stress"]
            args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"]
        """)
    h.until { (h.container("memory-demo-2")?.restartCount ?? 0) >= 1 }
    let s = try #require(h.container("memory-demo-2"))
    #expect(s.lastState.terminated?.reason == "OOMKilled")
    #expect(s.lastState.terminated?.exitCode == 137)
    // Under its limit it runs, using what it asked for.
    h.run(
      yaml: """
        apiVersion: v1
        kind: Pod
        metadata:
          name: memory-demo
        spec:
          containers:
          - name: memory-demo-ctr
            image: polinux/stress
            resources:
              requests:
                memory: "100Mi"
              limits:
                memory: "200Mi"
            command: ["stress"]
            args: ["--vm", "1", "--vm-bytes", "150M", "--vm-hang", "1"]
        """)
    h.ticks(15)
    #expect(h.container("memory-demo")?.state.running != nil)
    let usage = h.cluster.node("node-1")!.kubelet.summary().pods.first { $0.name == "memory-demo" }
    let expected: Int64 = 151 * 1024 * 1024
    #expect(usage?.memoryBytes == expected)
  }

  @Test func livenessExecRestartsTheContainer() throws {
    let h = KubeletHarness()
    h.run(
      yaml: """
        apiVersion: v1
        kind: Pod
        metadata:
          labels:
            test: liveness
          name: liveness-exec
        spec:
          containers:
          - name: liveness
            image: k8s.gcr.io/busybox
            args:
            - /bin/sh
            - -c
            - touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
            livenessProbe:
              exec:
                command:
                - cat
                - /tmp/healthy
              initialDelaySeconds: 5
              periodSeconds: 5
        """)
    try #require(h.until { h.container("liveness-exec")?.state.running != nil } != nil)
    let started = try #require(h.container("liveness-exec")?.state.running?.startedAt)
    try #require(h.until { h.events(for: "liveness-exec").contains { $0.hasPrefix("Killing:") } } != nil)
    let killAt = started.seconds(until: h.cluster.context.now)
    #expect((35...45).contains(killAt))
    let events = h.events(for: "liveness-exec")
    #expect(
      events.contains("Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory"))
    #expect(events.contains("Killing: Container liveness failed liveness probe, will be restarted"))
    // sh as PID 1 ignores SIGTERM: it dies at the end of the 30 s grace period, then restarts at once.
    try #require(h.until { (h.container("liveness-exec")?.restartCount ?? 0) == 1 } != nil)
    let restartedAt = try #require(h.container("liveness-exec")?.state.running?.startedAt)
    #expect((killAt + 29...killAt + 33).contains(started.seconds(until: restartedAt)))
    #expect(h.container("liveness-exec")?.lastState.terminated?.exitCode == 137)
  }

  @Test func livenessHTTPRestartsTheContainer() throws {
    let h = KubeletHarness()
    h.run(
      yaml: """
        apiVersion: v1
        kind: Pod
        metadata:
          name: liveness-http
        spec:
          containers:
          - name: liveness
            image: k8s.gcr.io/liveness
            args:
            - /server
            ports:
            - containerPort: 8080
            livenessProbe:
              httpGet:
                path: /healthz
                port: 8080
                httpHeaders:
                - name: Custom-Header
                  value: Awesome
              initialDelaySeconds: 3
              periodSeconds: 3
        """)
    try #require(h.until { (h.container("liveness-http")?.restartCount ?? 0) >= 1 } != nil)
    let events = h.events(for: "liveness-http")
    #expect(events.contains("Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500"))
    #expect(events.contains("Killing: Container liveness failed liveness probe, will be restarted"))
  }

  @Test func readinessGatesReady() throws {
    let h = KubeletHarness()
    h.run(
      yaml: """
        apiVersion: v1
        kind: Pod
        metadata:
          name: slow
        spec:
          containers:
          - name: app
            image: busybox
            command: ["sh", "-c", "sleep 20; touch /tmp/ready; sleep 3600"]
            readinessProbe:
              exec:
                command: ["cat", "/tmp/ready"]
              periodSeconds: 2
        """)
    try #require(h.until { h.container("slow")?.state.running != nil } != nil)
    h.ticks(5)
    let notReady = try #require(h.get("slow"))
    #expect(notReady.status.phase == "Running")
    #expect(notReady.condition("Ready")?.status == "False")
    #expect(notReady.condition("Ready")?.reason == "ContainersNotReady")
    #expect(notReady.condition("ContainersReady")?.message == "containers with unready status: [app]")
    #expect(h.container("slow")?.ready == false)
    try #require(h.until(limit: 40) { h.get("slow")?.isReady == true } != nil)
    #expect(h.container("slow")?.ready == true)
  }

  @Test func initContainersRunInOrder() throws {
    let h = KubeletHarness()
    h.run(
      yaml: """
        apiVersion: v1
        kind: Pod
        metadata:
          name: myapp
        spec:
          initContainers:
          - name: init-one
            image: busybox:1.28
            command: ["sh", "-c", "echo one; sleep 4"]
          - name: init-two
            image: busybox:1.28
            command: ["sh", "-c", "echo two; sleep 4"]
          containers:
          - name: app
            image: busybox:1.28
            command: ["sh", "-c", "echo app; sleep 3600"]
        """)
    h.ticks(4)
    let early = try #require(h.get("myapp"))
    #expect(early.status.phase == "Pending")
    #expect(early.condition("Initialized")?.message == "containers with incomplete status: [init-one init-two]")
    #expect(early.status.initContainerStatuses.first?.state.running != nil)
    #expect(early.status.initContainerStatuses.last?.state.waiting?.reason == "PodInitializing")
    #expect(early.status.containerStatuses.first?.state.waiting?.reason == "PodInitializing")
    try #require(h.until(limit: 30) { h.get("myapp")?.status.phase == "Running" } != nil)
    let pod = try #require(h.get("myapp"))
    #expect(pod.condition("Initialized")?.status == "True")
    #expect(pod.status.initContainerStatuses.map { $0.state.terminated?.reason } == ["Completed", "Completed"])
    let starts = h.messages.filter { $0.verb == "StartContainer" && $0.from == .kubelet("node-1") }.map(\.object)
    #expect(starts == ["init-one", "init-two", "app"])
    let one = try #require(
      h.cluster.node("node-1")!.runtime.allContainers.first { $0.config.metadata.name == "init-one" })
    let two = try #require(
      h.cluster.node("node-1")!.runtime.allContainers.first { $0.config.metadata.name == "init-two" })
    #expect(two.startedAt! >= one.finishedAt!)
  }

  @Test(arguments: [("Never", "Failed", 0), ("OnFailure", "Running", 1)])
  func restartPolicy(policy: String, phase: String, minRestarts: Int32) throws {
    let h = KubeletHarness()
    h.run(
      yaml: """
        apiVersion: v1
        kind: Pod
        metadata:
          name: fails
        spec:
          restartPolicy: \(policy)
          containers:
          - name: main
            image: busybox
            command: ["sh", "-c", "sleep 2; exit 3"]
        """)
    h.ticks(20)
    let pod = try #require(h.get("fails"))
    #expect(pod.status.phase == phase)
    let s = try #require(pod.status.containerStatuses.first)
    #expect(s.restartCount >= minRestarts)
    if policy == "Never" {
      #expect(s.restartCount == 0)
      #expect(s.state.terminated?.exitCode == 3)
      #expect(s.state.terminated?.reason == "Error")
      #expect(pod.condition("Ready")?.reason == "PodFailed")
    }
  }

  @Test func jobPodCompletesWithPi() throws {
    let h = KubeletHarness()
    h.run(
      yaml: """
        apiVersion: v1
        kind: Pod
        metadata:
          name: pi
        spec:
          containers:
          - name: pi
            image: perl
            command: ["perl",  "-Mbignum=bpi", "-wle", "print bpi(2000)"]
          restartPolicy: Never
        """)
    try #require(h.until(limit: 60) { h.get("pi")?.status.phase == "Succeeded" } != nil)
    let s = try #require(h.container("pi"))
    #expect(s.state.terminated?.reason == "Completed")
    #expect(s.state.terminated?.exitCode == 0)
    let pod = try #require(h.get("pi"))
    #expect(pod.condition("Ready")?.reason == "PodCompleted")
    #expect(pod.condition("Initialized")?.reason == "PodCompleted")
    #expect(pod.condition("PodReadyToStartContainers")?.status == "False")
    guard case .success(let log) = h.logs("pi") else {
      Issue.record("no logs")
      return
    }
    #expect(log.hasPrefix("3.14159265358979323846264338327950288419716939937510"))
    #expect(log.count == 2002)
  }

  @Test func gracefulDeletion() throws {
    let h = KubeletHarness()
    h.run(yaml: Self.nginx)
    h.run(
      yaml: """
        apiVersion: v1
        kind: Pod
        metadata:
          name: sleeper
        spec:
          containers:
          - name: sleep
            image: busybox
            command: ["sleep", "3600"]
        """)
    try #require(h.until { h.get("nginx")?.isReady == true && h.get("sleeper")?.isReady == true } != nil)
    h.delete("nginx")
    h.delete("sleeper")
    let deletedAt = h.now
    var nginxGone: Int64? = nil
    var sleeperGone: Int64? = nil
    for _ in 0..<45 {
      h.ticks(1)
      if nginxGone == nil && h.get("nginx") == nil { nginxGone = h.now - deletedAt }
      if sleeperGone == nil && h.get("sleeper") == nil { sleeperGone = h.now - deletedAt }
    }
    #expect((nginxGone ?? 99) <= 4)
    #expect((30...34).contains(sleeperGone ?? 0))
    #expect(h.events(for: "sleeper").contains("Killing: Stopping container sleep"))
    // Their sandboxes are stopped and removed: only the pods still on node-1 (kubeadm's CoreDNS
    // pods; kube-proxy uses the host network) keep an IP.
    let rt = h.cluster.node("node-1")!.runtime
    #expect(!rt.listPodSandbox().contains { ["nginx", "sleeper"].contains($0.metadata.name) })
    #expect(!rt.allContainers.contains { ["nginx", "sleeper"].contains($0.sandbox.config.metadata.name) })
    let remaining = h.pods(on: "node-1").filter { $0.spec.hostNetwork != true }.map(\.status.podIP)
    #expect(remaining.count == 2)
    #expect(rt.podIPs == remaining.sorted(by: naturalLess))
    // The final DELETE comes from the kubelet with grace period 0.
    #expect(h.messages.contains { $0.from == .kubelet("node-1") && $0.verb == "DELETE" && $0.object == "pods/sleeper" })
  }

  @Test func logsAndPrevious() throws {
    let h = KubeletHarness()
    h.run(
      yaml: """
        apiVersion: v1
        kind: Pod
        metadata:
          name: counter
        spec:
          containers:
          - name: count
            image: busybox
            command: ["sh", "-c", "echo start; sleep 3; echo done; exit 1"]
        """)
    h.ticks(1)
    if case .failure(let e) = h.logs("counter") {
      #expect(e.message == "container \"count\" in pod \"counter\" is waiting to start: ContainerCreating")
    } else {
      Issue.record("expected an error while the container is being created")
    }
    if case .failure(let e) = h.logs("counter", previous: true) {
      #expect(e.message == "previous terminated container \"count\" in pod \"counter\" not found")
    }
    try #require(h.until { (h.container("counter")?.restartCount ?? 0) >= 1 } != nil)
    h.ticks(1)
    #expect((try? h.logs("counter", previous: true).get()) == "start\ndone\n")
    #expect((try? h.logs("counter").get())?.hasPrefix("start\n") == true)
  }

  @Test func execPrintenvSeesServiceLinks() throws {
    let h = KubeletHarness()
    h.run(yaml: Self.nginx)
    try #require(h.until { h.get("nginx")?.isReady == true } != nil)
    #expect(
      (try? h.exec("nginx", ["printenv", "HOSTNAME", "KUBERNETES_PORT"]).get()) == "nginx\ntcp://10.96.0.1:443\n")
    #expect((try? h.exec("nginx", ["printenv", "KUBERNETES_SERVICE_HOST"]).get()) == "10.96.0.1\n")
    let calls = h.messages.filter { $0.verb == "ExecSync" && $0.from == .kubelet("node-1") }
    #expect(calls.count == 2)
    if case .failure(let e) = h.exec("nginx", ["sh", "-c", "exit 3"]) {
      #expect(e.message == "command terminated with exit code 3")
    } else {
      Issue.record("expected a non-zero exit")
    }
    if case .failure(let e) = h.exec("nginx", ["ls"], container: "nope") {
      #expect(e.message == "unable to upgrade connection: container not found (\"nope\")")
    }
    // The documentation's command-demo prints the same variables to its log.
    h.run(
      yaml: """
        apiVersion: v1
        kind: Pod
        metadata:
          name: command-demo
        spec:
          containers:
          - name: command-demo-container
            image: debian
            command: ["printenv"]
            args: ["HOSTNAME", "KUBERNETES_PORT"]
          restartPolicy: OnFailure
        """)
    try #require(h.until(limit: 30) { h.get("command-demo")?.status.phase == "Succeeded" } != nil)
    #expect((try? h.logs("command-demo").get()) == "command-demo\ntcp://10.96.0.1:443\n")
  }

  @Test func admissionRejectsOutOfCPU() throws {
    let h = KubeletHarness()
    h.run(
      yaml: """
        apiVersion: v1
        kind: Pod
        metadata:
          name: greedy
        spec:
          containers:
          - name: app
            image: nginx
            resources:
              requests:
                cpu: "5"
        """)
    h.ticks(3)
    // "used" is what the pods already admitted on the node request: kubeadm's two CoreDNS
    // pods (100m each) run on the only worker; kube-proxy requests nothing.
    let used = h.pods(on: "node-1").filter { $0.metadata.name != "greedy" }.reduce(Int64(0)) {
      $0 + $1.requests().milliCPU
    }
    #expect(used == 200)
    let pod = try #require(h.get("greedy"))
    #expect(pod.status.phase == "Failed")
    #expect(pod.status.reason == "OutOfcpu")
    #expect(
      pod.status.message
        == "Pod was rejected: Node didn't have enough resource: cpu, requested: 5000, used: \(used), capacity: 4000")
    #expect(
      h.events(for: "greedy") == [
        "OutOfcpu: Node didn't have enough resource: cpu, requested: 5000, used: \(used), capacity: 4000"
      ])
    #expect(!h.messages.contains { $0.verb == "RunPodSandbox" && $0.object == "greedy" })
  }

  @Test func stoppedKubeletKeepsContainersRunning() throws {
    let h = KubeletHarness()
    h.run(yaml: Self.nginx)
    try #require(h.until { h.get("nginx")?.isReady == true } != nil)
    let before = try #require(h.lease("node-1")?.spec.renewTime)
    let containerID = try #require(h.container("nginx")?.containerID)
    h.cluster.stopKubelet("node-1")
    h.ticks(30)
    #expect(h.lease("node-1")?.spec.renewTime == before)
    let rt = h.cluster.node("node-1")!.runtime
    #expect(rt.allContainers.contains { "containerd://\($0.id)" == containerID && $0.state == .running })
    h.cluster.startKubelet("node-1")
    h.ticks(12)
    #expect(h.lease("node-1")?.spec.renewTime != before)
    let pod = try #require(h.get("nginx"))
    #expect(pod.isReady)
    #expect(pod.status.containerStatuses.first?.containerID == containerID)
    #expect(pod.status.containerStatuses.first?.restartCount == 0)
    #expect(h.node("node-1")?.isReady == true)
  }

  @Test func changedImageRestartsTheContainer() throws {
    let h = KubeletHarness()
    h.run(yaml: Self.nginx)
    try #require(h.until { h.get("nginx")?.isReady == true } != nil)
    var pod = try #require(h.get("nginx"))
    pod.spec.containers[0].image = "nginx:1.16.1"
    let updated = h.cluster.kubectl.perform(
      APIRequest(.update, Pod.resource, namespace: "default", name: "nginx", body: .object(pod)))
    if case .failure(let e) = updated { Issue.record("update failed: \(e)") }
    try #require(
      h.until(limit: 20) {
        h.container("nginx")?.image == "docker.io/library/nginx:1.16.1" && h.get("nginx")?.isReady == true
      } != nil)
    #expect(h.container("nginx")?.restartCount == 1)
    #expect(h.events(for: "nginx").contains("Killing: Container nginx definition changed, will be restarted"))
  }

  @Test func activeDeadlineFailsThePod() throws {
    let h = KubeletHarness()
    h.run(
      yaml: """
        apiVersion: v1
        kind: Pod
        metadata:
          name: short
        spec:
          activeDeadlineSeconds: 10
          containers:
          - name: main
            image: busybox
            command: ["sh", "-c", "while true; do sleep 1; done"]
        """)
    try #require(h.until(limit: 60) { h.get("short")?.status.phase == "Failed" } != nil)
    let pod = try #require(h.get("short"))
    #expect(pod.status.reason == "DeadlineExceeded")
    #expect(pod.status.message == "Pod was active on the node longer than the specified deadline")
  }

  @Test func backOffResetsAfterTenMinutesOfRunning() throws {
    let h = KubeletHarness()
    // Crashes at once until 100 s after the cluster started, then runs for 11 minutes and crashes again.
    let cutoff = h.cluster.context.clock.start.seconds + 100
    h.run(
      yaml: """
        apiVersion: v1
        kind: Pod
        metadata:
          name: flaky
        spec:
          containers:
          - name: app
            image: busybox
            imagePullPolicy: IfNotPresent
            command: ["sh", "-c", "if [ $(date +%s) -lt \(cutoff) ]; then exit 1; fi; sleep 660; exit 1"]
        """)
    let rt = h.cluster.node("node-1")!.runtime
    h.ticks(900)
    let runs = rt.allContainers.filter { $0.config.metadata.name == "app" }.sorted { $0.createdAt < $1.createdAt }
    // Only the last two instances are kept: the long run and the one started right after it.
    try #require(runs.count == 2)
    let long = runs[0]
    #expect(long.startedAt!.seconds(until: long.finishedAt!) == 660)
    #expect(long.finishedAt!.seconds(until: runs[1].startedAt!) == 0)
  }
}
