// ImageManager: upstream pkg/kubelet/images — the pull policy, the image pull back-off
// (ErrImagePull → ImagePullBackOff, 10 s doubling to 300 s) and serialized pulls, with their events.

extension Kubelet {
  enum ImageOutcome {
    /// The image is present: its name for CreateContainer.
    case ready(String)
    /// A pull is queued or running.
    case wait
    /// ErrImagePull, ImagePullBackOff or ErrImageNeverPull (recorded in the record's waiting reason).
    case failed
  }

  /// Upstream `EnsureImageExists` plus the pod worker's handling of its errors.
  func ensureImage(_ w: PodWorker, _ r: ContainerRecord, _ now: Int64) -> ImageOutcome {
    let image = r.spec.image
    switch r.pull {
    case .ready(let ref):
      r.pull = .none
      return .ready(ref)
    case .failed(let message):
      // Simulation: the pod worker syncs again a second later (upstream: after 10-15 s or the next
      // pod event), so ErrImagePull shows for a second before ImagePullBackOff.
      r.pull = .none
      r.waiting = ("ErrImagePull", message)
      recorder.event(
        w.pod, type: EventType.warning, reason: "Failed", message: "Error: ErrImagePull", fieldPath: fieldPath(r))
      wake(w.uid, at: now + 1)
      return .failed
    case .waiting:
      return .wait
    case .none:
      break
    }
    let present = cri.imageStatus(image) != nil
    let policy =
      r.spec.imagePullPolicy.isEmpty
      ? (ImageName(image).tag == "latest" ? PullPolicy.always : PullPolicy.ifNotPresent) : r.spec.imagePullPolicy
    if policy == PullPolicy.never || (policy == PullPolicy.ifNotPresent && present) {
      if present {
        recorder.event(
          w.pod, reason: "Pulled", message: "Container image \"\(image)\" already present on machine",
          fieldPath: fieldPath(r))
        return .ready(image)
      }
      let message = "Container image \"\(image)\" is not present with pull policy of Never"
      recorder.event(
        w.pod, type: EventType.warning, reason: "ErrImageNeverPull", message: message, fieldPath: fieldPath(r))
      r.waiting = ("ErrImageNeverPull", message)
      return .failed
    }
    let key = "\(w.uid)_\(image)"
    if imageBackoff.isInBackOffSinceUpdate(key, now: now) {
      let message = "Back-off pulling image \"\(image)\""
      recorder.event(w.pod, reason: "BackOff", message: message, fieldPath: fieldPath(r))
      recorder.event(
        w.pod, type: EventType.warning, reason: "Failed", message: "Error: ImagePullBackOff", fieldPath: fieldPath(r))
      r.waiting = ("ImagePullBackOff", message)
      wake(w.uid, at: imageBackoff.endSinceUpdate(key))
      return .failed
    }
    recorder.event(w.pod, reason: "Pulling", message: "Pulling image \"\(image)\"", fieldPath: fieldPath(r))
    r.pull = .waiting
    pullQueue.append(PullRequest(uid: w.uid, container: r.name, image: image, requestedAt: now))
    dispatchPull()
    return .wait
  }

  /// Starts the next queued pull (`serializeImagePulls: true`: one at a time per node).
  func dispatchPull() {
    guard !pullInFlight else { return }
    while let req = pullQueue.popFirst() {
      guard let w = workers[req.uid], let r = w.record(req.container), r.pull == .waiting else { continue }
      pullInFlight = true
      let gen = generation
      let dispatched = context.clock.seconds
      var duration = 0.0
      duration = cri.pullImage(req.image) { [weak self] result in
        guard let self, gen == self.generation else { return }
        self.pullInFlight = false
        self.pullFinished(req, result, seconds: duration, waited: Double(dispatched - req.requestedAt))
        self.dispatchPull()
      }
      return
    }
  }

  private func pullFinished(
    _ req: PullRequest, _ result: Result<CRI.Image, CRI.RuntimeError>, seconds: Double, waited: Double
  ) {
    imagesChanged = true
    guard let w = workers[req.uid], let r = w.record(req.container), r.pull == .waiting else { return }
    let now = context.clock.seconds
    switch result {
    case .success(let img):
      recorder.event(
        w.pod, reason: "Pulled",
        message:
          "Successfully pulled image \"\(req.image)\" in \(goDuration(seconds)) (\(goDuration(seconds + waited)) including waiting). Image size: \(img.size) bytes.",
        fieldPath: fieldPath(r))
      r.pull = .ready(req.image)
      imageBackoff.gc(now: now)
    case .failure(let e):
      recorder.event(
        w.pod, type: EventType.warning, reason: "Failed", message: "Failed to pull image \"\(req.image)\": \(e)",
        fieldPath: fieldPath(r))
      imageBackoff.next("\(w.uid)_\(req.image)", eventTime: now, now: now)
      r.pull = .failed("\(e)")
    }
    dirty.insert(w.uid)
  }
}
