// Prober: liveness, readiness and startup probes (upstream pkg/kubelet/prober). Each probe runs every
// periodSeconds from the container's start, once initialDelaySeconds have passed; failureThreshold
// failures in a row fail it, successThreshold successes pass it.

extension Kubelet {
  /// Sets the first run of each probe: the first multiple of the period at or after the initial delay.
  func scheduleProbes(_ w: PodWorker, _ r: ContainerRecord, startedAt t0: Int64) {
    func first(_ p: Probe?) -> Int64 {
      guard let p else { return Int64.max }
      let period = Int64(max(1, p.periodSeconds ?? 10))
      let delay = Int64(max(0, p.initialDelaySeconds ?? 0))
      let k = (delay + period - 1) / period
      return t0 + max(1, k * period)
    }
    r.startup.next = first(r.spec.startupProbe)
    r.liveness.next = first(r.spec.livenessProbe)
    r.readiness.next = first(r.spec.readinessProbe)
    scheduleNextProbe(w)
  }

  private func scheduleNextProbe(_ w: PodWorker) {
    var next = Int64.max
    for r in w.containers where r.isRunning && !r.stopping {
      if !r.started {
        if r.spec.startupProbe != nil { next = min(next, r.startup.next) }
      } else {
        if r.spec.livenessProbe != nil { next = min(next, r.liveness.next) }
        if r.spec.readinessProbe != nil { next = min(next, r.readiness.next) }
      }
    }
    if next < Int64.max && next != w.nextProbe {
      w.nextProbe = next
      wake(w.uid, at: next)
    }
  }

  /// Runs the probes that are due and acts on their results.
  func runProbes(_ w: PodWorker, _ now: Int64) {
    for r in w.containers where r.isRunning && !r.stopping {
      if !r.started, let p = r.spec.startupProbe, r.startup.next <= now {
        r.startup.next = now + Int64(max(1, p.periodSeconds ?? 10))
        let (ok, output) = probe(p, w, r)
        if !ok { unhealthy(w, r, "Startup", output) }
        record(&r.startup, ok, p)
        if r.startup.result == false {
          kill(w, r, probe: p, because: "Container \(r.name) failed startup probe, will be restarted")
          continue
        }
        if r.startup.result == true {
          r.started = true
          r.ready = r.spec.readinessProbe == nil
          // Liveness and readiness start counting from now on.
          for (probe, state) in [
            (r.spec.livenessProbe, \ContainerRecord.liveness), (r.spec.readinessProbe, \ContainerRecord.readiness),
          ] {
            if let probe, r[keyPath: state].next <= now {
              r[keyPath: state].next = now + Int64(max(1, probe.periodSeconds ?? 10))
            }
          }
        }
      }
      guard r.started else { continue }
      if let p = r.spec.livenessProbe, r.liveness.next <= now {
        r.liveness.next = now + Int64(max(1, p.periodSeconds ?? 10))
        let (ok, output) = probe(p, w, r)
        if !ok { unhealthy(w, r, "Liveness", output) }
        record(&r.liveness, ok, p)
        if r.liveness.result == false {
          kill(w, r, probe: p, because: "Container \(r.name) failed liveness probe, will be restarted")
          continue
        }
      }
      if let p = r.spec.readinessProbe, r.readiness.next <= now {
        r.readiness.next = now + Int64(max(1, p.periodSeconds ?? 10))
        let (ok, output) = probe(p, w, r)
        if !ok { unhealthy(w, r, "Readiness", output) }
        record(&r.readiness, ok, p)
        r.ready = r.readiness.result == true
      }
    }
    scheduleNextProbe(w)
  }

  /// Counts a result; returns the state's result (nil while neither threshold is reached).
  @discardableResult
  private func record(_ s: inout ProbeState, _ ok: Bool, _ p: Probe) -> Bool? {
    if ok {
      s.successes += 1
      s.failures = 0
      if s.successes >= (p.successThreshold ?? 1) { s.result = true }
    } else {
      s.failures += 1
      s.successes = 0
      if s.failures >= (p.failureThreshold ?? 3) { s.result = false }
    }
    return s.result
  }

  private func unhealthy(_ w: PodWorker, _ r: ContainerRecord, _ kind: String, _ output: String) {
    var text = output
    while text.hasSuffix("\n") { text.removeLast() }
    recorder.event(
      w.pod, type: EventType.warning, reason: "Unhealthy", message: "\(kind) probe failed: \(text)",
      fieldPath: fieldPath(r))
  }

  /// Kills a container that failed its liveness or startup probe; it restarts per the restart policy.
  private func kill(_ w: PodWorker, _ r: ContainerRecord, probe p: Probe, because message: String) {
    recorder.event(w.pod, reason: "Killing", message: message, fieldPath: fieldPath(r))
    r.killedByKubelet = true
    r.ready = false
    let grace = p.terminationGracePeriodSeconds ?? w.pod.spec.terminationGracePeriodSeconds ?? 30
    stop(w, r, timeout: max(2, grace))
  }

  /// Runs one probe against the container: (success, output).
  private func probe(_ p: Probe, _ w: PodWorker, _ r: ContainerRecord) -> (Bool, String) {
    guard let id = r.id else { return (false, "container not found") }
    if let exec = p.exec {
      do {
        let resp = try cri.execSync(id, name: r.name, namespace: w.namespace, cmd: exec.command)
        return (resp.exitCode == 0, resp.stdout + resp.stderr)
      } catch {
        return (false, "\(error.message)")
      }
    }
    if let get = p.httpGet {
      let host = get.host.isEmpty ? w.podIP : get.host
      let port = resolvePort(get.port, r)
      let scheme = (get.scheme.isEmpty ? "HTTP" : get.scheme).lowercased()
      let path = get.path.isEmpty ? "/" : get.path
      let url = "\(scheme)://\(host):\(port)\(path)"
      var headers = ["User-Agent": "kube-probe/1.32", "Accept": "*/*"]
      for h in get.httpHeaders { headers[h.name] = h.value }
      guard let resp = cri.httpGet(ip: host, port: port, path: path, headers: headers) else {
        return (false, "Get \"\(url)\": dial tcp \(host):\(port): connect: connection refused")
      }
      if (200..<400).contains(resp.status) { return (true, "") }
      return (false, "HTTP probe failed with statuscode: \(resp.status)")
    }
    if let tcp = p.tcpSocket {
      let host = tcp.host.isEmpty ? w.podIP : tcp.host
      let port = resolvePort(tcp.port, r)
      if cri.tcpConnect(ip: host, port: port) { return (true, "") }
      return (false, "dial tcp \(host):\(port): connect: connection refused")
    }
    if let grpc = p.grpc {
      if cri.tcpConnect(ip: w.podIP, port: Int(grpc.port)) { return (true, "") }
      return (
        false, "timeout: failed to connect service \"\(w.podIP):\(grpc.port)\" within 1s: context deadline exceeded"
      )
    }
    return (false, "missing probe handler")
  }

  /// A numeric port, or the container port with that name.
  private func resolvePort(_ port: IntOrString, _ r: ContainerRecord) -> Int {
    switch port {
    case .int(let n): return Int(n)
    case .string(let name): return Int(r.spec.port(named: name)?.containerPort ?? Int32(name) ?? 0)
    }
  }
}
