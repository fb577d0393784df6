// JobController: runs pods to completion — parallelism, completions, backoffLimit with
// exponential back-off, activeDeadlineSeconds, and pod tracking through the
// `batch.kubernetes.io/job-tracking` finalizer (pkg/controller/job/job_controller.go).

/// The Job controller (NonIndexed completion mode).
///
/// `sync(namespace/name)` (upstream `syncJob`):
///   1. find the Job; a finished Job only loses its pods' finalizers;
///   2. claim its pods; count active, ready, terminating, and newly finished pods;
///   3. decide whether it has failed (backoffLimit, activeDeadlineSeconds) or succeeded
///      (completions reached); a failed Job deletes its active pods;
///   4. otherwise create pods up to min(parallelism, remaining completions) once the failure
///      back-off (10 s doubling to 6 min) has passed, or delete extras;
///   5. track finished pods: record their uids in `uncountedTerminatedPods`, then remove their
///      finalizers, then move them into `succeeded`/`failed`; once nothing is uncounted or
///      terminating, add `Complete` (after `SuccessCriteriaMet`) or `Failed` (after
///      `FailureTarget`) and set completionTime.
///
/// Simulation: only NonIndexed jobs; podFailurePolicy, successPolicy and backoffLimitPerIndex
/// are not acted on.
final class JobController: Controller {
  let name = "job-controller"
  let queue = WorkQueue()
  static let trackingFinalizer = "batch.kubernetes.io/job-tracking"
  /// Upstream `DefaultJobPodFailureBackOff` and `MaxJobPodFailureBackOff`.
  static let podFailureBackOff: Int64 = 10
  static let maxPodFailureBackOff: Int64 = 360
  /// Upstream `MaxUncountedPods` and `MaxPodCreateDeletePerSync`.
  static let maxUncountedPods = 500
  static let maxPodCreateDeletePerSync = 500

  private let client: APIClient
  private let context: SimContext
  private let informers: SharedInformers
  private let recorder: EventRecorder
  private let podControl: PodControl
  private let expectations: CountExpectations
  /// Pod uids whose finalizer removal was sent but not yet seen, per Job key.
  private var expectedRemovals: [String: Set<String>] = [:]
  /// Failure back-off per Job key: failures since the last success and the last failure time.
  private var backoff: [String: (failures: Int32, last: Time?)] = [:]
  /// Failed pod uids already counted in the back-off record, per Job key.
  private var backoffCounted: [String: Set<String>] = [:]

  private var now: Time { context.now }

  init(client: APIClient, context: SimContext, informers: SharedInformers) {
    self.client = client
    self.context = context
    self.informers = informers
    recorder = EventRecorder(client: client, context: context, component: "job-controller")
    podControl = PodControl(client: client, recorder: recorder)
    expectations = CountExpectations(now: { [context] in context.now })
    informers.jobs.onAdd.append { [unowned self] job in queue.add(job.key) }
    informers.jobs.onUpdate.append { [unowned self] _, job in queue.add(job.key) }
    informers.jobs.onDelete.append { [unowned self] job in
      expectations.delete(job.key)
      backoff[job.key] = nil
      backoffCounted[job.key] = nil
      for pod in informers.pods(controlledBy: job.metadata.uid) { removeFinalizerFromOrphan(pod) }
    }
    informers.pods.onAdd.append { [unowned self] pod in addPod(pod) }
    informers.pods.onUpdate.append { [unowned self] old, cur in updatePod(old, cur) }
    informers.pods.onDelete.append { [unowned self] pod in deletePod(pod) }
  }

  // MARK: - Event handlers

  private func resolve(_ ref: OwnerReference?, namespace: String) -> Job? {
    guard let ref, ref.kind == Job.resource.kind,
      let job = informers.jobs.get(namespace: namespace, name: ref.name), job.metadata.uid == ref.uid
    else { return nil }
    return job
  }

  private func hasFinalizer(_ pod: Pod) -> Bool { pod.metadata.finalizers?.contains(Self.trackingFinalizer) == true }

  /// A pod whose Job is gone keeps no tracking finalizer (upstream's orphan pod cleanup).
  private func removeFinalizerFromOrphan(_ pod: Pod) {
    guard hasFinalizer(pod) else { return }
    sendRemoveFinalizer(pod)
  }

  private func sendRemoveFinalizer(_ pod: Pod) {
    let rest = (pod.metadata.finalizers ?? []).filter { $0 != Self.trackingFinalizer }
    let patch: JSON = ["metadata": ["finalizers": rest.isEmpty ? .null : .array(rest.map { .string($0) })]]
    client.send(
      APIRequest(
        .patch, Pod.resource, namespace: pod.metadata.namespace, name: pod.metadata.name, body: .mergePatch(patch)))
  }

  private func addPod(_ pod: Pod) {
    guard let ref = pod.metadata.controllerRef, ref.kind == Job.resource.kind else { return }
    guard let job = resolve(ref, namespace: pod.metadata.namespace) else { return removeFinalizerFromOrphan(pod) }
    if pod.metadata.deletionTimestamp != nil {
      expectations.deletionObserved(job.key)
    } else {
      expectations.creationObserved(job.key)
    }
    queue.add(job.key)
  }

  private func updatePod(_ old: Pod, _ cur: Pod) {
    if old.metadata.resourceVersion == cur.metadata.resourceVersion { return }
    if !hasFinalizer(cur) {
      for k in expectedRemovals.keys.sorted() { expectedRemovals[k]?.remove(cur.metadata.uid) }
    }
    guard let ref = cur.metadata.controllerRef, ref.kind == Job.resource.kind else { return }
    guard let job = resolve(ref, namespace: cur.metadata.namespace) else { return removeFinalizerFromOrphan(cur) }
    if cur.metadata.deletionTimestamp != nil && old.metadata.deletionTimestamp == nil {
      expectations.deletionObserved(job.key)
    }
    queue.add(job.key)
  }

  private func deletePod(_ pod: Pod) {
    for k in expectedRemovals.keys.sorted() { expectedRemovals[k]?.remove(pod.metadata.uid) }
    guard let job = resolve(pod.metadata.controllerRef, namespace: pod.metadata.namespace) else { return }
    if pod.metadata.deletionTimestamp == nil { expectations.deletionObserved(job.key) }
    queue.add(job.key)
  }

  // MARK: - Sync

  /// Upstream `isPodFailed`: Failed, or deleted before it succeeded (podReplacementPolicy
  /// TerminatingOrFailed without a podFailurePolicy).
  private func isFailed(_ pod: Pod, _ job: Job) -> Bool {
    if pod.status.phase == PodPhase.failed { return true }
    let onlyFailed = job.spec.podReplacementPolicy == PodReplacementPolicy.failed || job.spec.podFailurePolicy != nil
    if onlyFailed { return false }
    return pod.metadata.deletionTimestamp != nil && pod.status.phase != PodPhase.succeeded
  }

  /// When the pod finished: its containers' last finishedAt, else its deletion time, else now.
  private func finishedTime(_ pod: Pod) -> Time {
    let finished = pod.status.containerStatuses.compactMap { $0.state.terminated?.finishedAt }.max()
    return finished ?? pod.metadata.deletionTimestamp ?? now
  }

  func sync(_ key: String) -> SyncResult {
    guard var job = informers.jobs.get(key) else {
      expectations.delete(key)
      expectedRemovals[key] = nil
      return .done
    }
    let selector = (try? job.spec.selector.asSelector()) ?? .nothing
    let pods = ControllerRefManager(client: client, controller: job, selector: selector)
      .claim(
        informers.candidatePods(controller: job.metadata.uid, namespace: job.metadata.namespace, selector: selector))
    if job.isFinished {
      // Nothing left to do but let go of pods that still carry the finalizer.
      for pod in pods where hasFinalizer(pod) && expectedRemovals[key]?.contains(pod.metadata.uid) != true {
        expectedRemovals[key, default: []].insert(pod.metadata.uid)
        sendRemoveFinalizer(pod)
      }
      return .done
    }
    let expectedRm = expectedRemovals[key] ?? []
    let satisfied = expectations.satisfied(key)
    let active = pods.filter(\.isActive)
    let uncounted = job.status.uncountedTerminatedPods ?? UncountedTerminatedPods()
    let uncountedSucceeded = Set(uncounted.succeeded)
    let uncountedFailed = Set(uncounted.failed)
    var result = SyncResult.done

    // Newly finished pods: tracked, not yet in uncountedTerminatedPods.
    let tracked = pods.filter { hasFinalizer($0) && !expectedRm.contains($0.metadata.uid) }
    let newSucceeded = tracked.filter {
      $0.status.phase == PodPhase.succeeded && !uncountedSucceeded.contains($0.metadata.uid)
    }
    let newFailed = tracked.filter { isFailed($0, job) && !uncountedFailed.contains($0.metadata.uid) }
    let record = newBackoffRecord(key, succeeded: newSucceeded, failed: newFailed)

    let terminating = Int32(pods.filter { $0.metadata.deletionTimestamp != nil && !$0.isTerminal }.count)
    var ready = Int32(active.filter(\.isReady).count)
    if job.status.startTime == nil && job.spec.suspend != true { job.status.startTime = now }

    let succeeded = (job.status.succeeded ?? 0) + Int32(newSucceeded.count) + Int32(uncounted.succeeded.count)
    let failed = (job.status.failed ?? 0) + Int32(newFailed.count) + Int32(uncounted.failed.count)

    // 3. Finished?
    var finished: JobCondition? = nil
    if let target = job.condition(JobConditionType.successCriteriaMet), target.status == ConditionStatus.true {
      finished = target
    } else if let target = job.condition(JobConditionType.failureTarget), target.status == ConditionStatus.true {
      finished = target
    }
    if finished == nil {
      if failed > (job.spec.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, active) {
        finished = newCondition(
          JobConditionType.failureTarget, "BackoffLimitExceeded", "Job has reached the specified backoff limit")
      } else if pastActiveDeadline(job) {
        finished = newCondition(
          JobConditionType.failureTarget, "DeadlineExceeded", "Job was active longer than specified deadline")
      } else if let deadline = job.spec.activeDeadlineSeconds, job.spec.suspend != true,
        let start = job.status.startTime
      {
        result = .after(max(1, deadline - start.seconds(until: now)))
      }
    }

    var activeCount = Int32(active.count)
    if finished != nil && finished?.type != JobConditionType.successCriteriaMet {
      // 3a. A failed Job deletes its active pods and waits for them to be gone.
      let deleted = deletePods(job, active)
      if deleted != activeCount || !satisfied { finished = nil }
      activeCount -= deleted
      ready -= Int32(active.filter(\.isReady).count)
    } else if finished == nil {
      // 4. Create or delete pods.
      if satisfied && job.metadata.deletionTimestamp == nil {
        let (newActive, after) = manageJob(job, active: active, succeeded: succeeded, record: record)
        activeCount = newActive
        if let after { result = .after(after) }
      }
      let complete =
        job.spec.completions == nil
        ? succeeded > 0 && activeCount == 0 : succeeded >= (job.spec.completions ?? 1) && activeCount == 0
      if complete {
        finished = newCondition(
          JobConditionType.successCriteriaMet, "CompletionsReached", "Reached expected number of succeeded pods")
      }
    }

    // 5. Track finished pods and write the status.
    let needsStatusUpdate =
      activeCount != (job.status.active ?? 0) || ready != job.status.ready || terminating != job.status.terminating
    job.status.active = activeCount == 0 ? nil : activeCount
    job.status.ready = ready
    job.status.terminating = terminating
    trackStatus(
      &job, pods: pods, expectedRm: expectedRm, finished: finished, terminating: terminating,
      needsFlush: needsStatusUpdate, record: record, newFailed: newFailed)
    return result
  }

  private func newCondition(_ type: String, _ reason: String, _ message: String) -> JobCondition {
    JobCondition(
      type: type, status: ConditionStatus.true, lastProbeTime: now, lastTransitionTime: now, reason: reason,
      message: message)
  }

  /// Upstream `pastBackoffLimitOnFailure`: with restartPolicy OnFailure, container restarts count.
  private func pastBackoffLimitOnFailure(_ job: Job, _ active: [Pod]) -> Bool {
    guard job.spec.template.spec.restartPolicy == RestartPolicy.onFailure else { return false }
    var restarts: Int32 = 0
    for p in active {
      for s in p.status.initContainerStatuses + p.status.containerStatuses { restarts += s.restartCount }
    }
    let limit = job.spec.backoffLimit ?? 6
    return limit == 0 ? restarts > 0 : restarts >= limit
  }

  private func pastActiveDeadline(_ job: Job) -> Bool {
    guard let deadline = job.spec.activeDeadlineSeconds, let start = job.status.startTime, job.spec.suspend != true
    else { return false }
    return start.seconds(until: now) >= deadline
  }

  /// Upstream `newBackoffRecord`: failures since the last success, and when the last one was.
  private func newBackoffRecord(_ key: String, succeeded: [Pod], failed: [Pod]) -> (failures: Int32, last: Time?) {
    var record = backoff[key] ?? (0, nil)
    let counted = backoffCounted[key] ?? []
    let failed = failed.filter { !counted.contains($0.metadata.uid) }.sorted { finishedTime($0) < finishedTime($1) }
    let succeeded = succeeded.sorted { finishedTime($0) < finishedTime($1) }
    if succeeded.isEmpty {
      if failed.isEmpty { return record }
      record.failures += Int32(failed.count)
      record.last = finishedTime(failed.last!)
      return record
    }
    record = (0, nil)
    let lastSuccess = finishedTime(succeeded.last!)
    for p in failed.reversed() {
      let t = finishedTime(p)
      if !(t > lastSuccess) { break }
      if record.last == nil { record.last = t }
      record.failures += 1
    }
    return record
  }

  /// `getRemainingTime`: 10 s after the first failure, doubling per failure, at most 6 minutes.
  private func remainingBackoff(_ record: (failures: Int32, last: Time?)) -> Int64 {
    guard record.failures > 0, let last = record.last else { return 0 }
    var duration = Self.podFailureBackOff
    var i: Int32 = 1
    while i < record.failures {
      duration *= 2
      if duration >= Self.maxPodFailureBackOff {
        duration = Self.maxPodFailureBackOff
        break
      }
      i += 1
    }
    let elapsed = last.seconds(until: now)
    return duration < elapsed ? 0 : duration - elapsed
  }

  /// Upstream `manageJob` for NonIndexed jobs. Returns the new active count, and when to look
  /// again if the failure back-off holds creates back.
  private func manageJob(_ job: Job, active: [Pod], succeeded: Int32, record: (failures: Int32, last: Time?)) -> (
    Int32, Int64?
  ) {
    var activeCount = Int32(active.count)
    let key = job.key
    if job.spec.suspend == true {
      return (activeCount - deletePods(job, active), nil)
    }
    let parallelism = job.spec.parallelism ?? 1
    var want: Int32
    if let completions = job.spec.completions {
      want = min(max(completions - succeeded, 0), parallelism)
    } else {
      want = succeeded > 0 ? activeCount : parallelism
    }
    let remove = max(0, activeCount - want)
    if remove > 0 {
      // Upstream `activePodsForRemoval`: not ready / unscheduled first, as for ReplicaSets.
      let victims = ActivePodsWithRanks(pods: active, related: active, now: now).sorted().prefix(Int(remove))
      return (activeCount - deletePods(job, Array(victims)), nil)
    }
    var diff = want - activeCount
    guard diff > 0 else { return (activeCount, nil) }
    let wait = remainingBackoff(record)
    if wait > 0 { return (activeCount, wait) }
    diff = min(diff, Int32(Self.maxPodCreateDeletePerSync))
    expectations.set(key, add: Int(diff), del: 0)
    activeCount += diff
    var template = job.spec.template
    var finalizers = template.metadata.finalizers ?? []
    if !finalizers.contains(Self.trackingFinalizer) { finalizers.append(Self.trackingFinalizer) }
    template.metadata.finalizers = finalizers
    let ref = OwnerReference.controller(of: job)
    for _ in 0..<diff {
      let pod = PodControl.pod(
        from: template, ownerName: job.metadata.name, namespace: job.metadata.namespace, controllerRef: ref)
      podControl.create(pod, owner: job) { [weak self] error in
        guard let self, error != nil else { return }
        expectations.creationObserved(key)
        queue.addRateLimited(key, now: context.now)
      }
    }
    return (activeCount, nil)
  }

  /// Deletes pods (graceful); returns how many deletes were sent.
  private func deletePods(_ job: Job, _ pods: [Pod]) -> Int32 {
    guard !pods.isEmpty else { return 0 }
    let key = job.key
    let victims = Array(pods.prefix(Self.maxPodCreateDeletePerSync))
    expectations.set(key, add: 0, del: victims.count)
    for pod in victims {
      podControl.delete(pod, owner: job) { [weak self] ok in
        guard let self, !ok else { return }
        expectations.deletionObserved(key)
      }
    }
    return Int32(victims.count)
  }

  /// Upstream `trackJobStatusAndRemoveFinalizers`: finished pods go into uncountedTerminatedPods
  /// before their finalizers are removed, and into the counters after; then the terminal
  /// conditions once nothing is uncounted or terminating. One status write at most.
  private func trackStatus(
    _ job: inout Job, pods: [Pod], expectedRm: Set<String>, finished: JobCondition?, terminating: Int32,
    needsFlush: Bool, record: (failures: Int32, last: Time?), newFailed: [Pod]
  ) {
    let key = job.key
    var needsFlush = needsFlush
    var uncounted = job.status.uncountedTerminatedPods ?? UncountedTerminatedPods()
    if job.status.uncountedTerminatedPods == nil { needsFlush = true }
    var withFinalizer: Set<String> = []
    for p in pods where hasFinalizer(p) && !expectedRm.contains(p.metadata.uid) { withFinalizer.insert(p.metadata.uid) }
    // Uncounted pods whose finalizer is gone move into the counters.
    let keepS = uncounted.succeeded.filter { withFinalizer.contains($0) }
    if keepS.count != uncounted.succeeded.count {
      job.status.succeeded = (job.status.succeeded ?? 0) + Int32(uncounted.succeeded.count - keepS.count)
      uncounted.succeeded = keepS
      needsFlush = true
    }
    let keepF = uncounted.failed.filter { withFinalizer.contains($0) }
    if keepF.count != uncounted.failed.count {
      job.status.failed = (job.status.failed ?? 0) + Int32(uncounted.failed.count - keepF.count)
      uncounted.failed = keepF
      needsFlush = true
    }
    // Finished pods (and, for a failed Job, every pod) become uncounted; their finalizers go
    // once the status holding them is stored.
    var finished = finished
    let failing =
      finished.map { $0.type == JobConditionType.failureTarget || $0.type == JobConditionType.failed } ?? false
    var removeFinalizers: [Pod] = []
    for p in pods where withFinalizer.contains(p.metadata.uid) {
      let failedPod = isFailed(p, job)
      let canRemove =
        p.metadata.deletionTimestamp != nil || failedPod || p.status.phase == PodPhase.succeeded || failing
      guard canRemove else { continue }
      removeFinalizers.append(p)
      if p.status.phase == PodPhase.succeeded && !uncounted.failed.contains(p.metadata.uid) {
        if !uncounted.succeeded.contains(p.metadata.uid) {
          uncounted.succeeded.append(p.metadata.uid)
          needsFlush = true
        }
      } else if failedPod || failing {
        if !uncounted.failed.contains(p.metadata.uid) {
          uncounted.failed.append(p.metadata.uid)
          needsFlush = true
        }
      }
      if uncounted.succeeded.count + uncounted.failed.count >= Self.maxUncountedPods { break }
    }
    job.status.uncountedTerminatedPods = uncounted
    // The interim condition first, then the final one when nothing is left to count.
    if let f = finished, f.type == JobConditionType.failureTarget {
      if job.condition(f.type) == nil {
        job.status.conditions.append(f)
        needsFlush = true
      }
      finished = newCondition(JobConditionType.failed, f.reason, f.message)
    } else if let f = finished, f.type == JobConditionType.successCriteriaMet {
      if job.condition(f.type) == nil {
        job.status.conditions.append(f)
        needsFlush = true
      }
      finished = newCondition(JobConditionType.complete, f.reason, f.message)
    }
    var jobFinished = false
    if let f = finished, uncounted.succeeded.isEmpty, uncounted.failed.isEmpty, removeFinalizers.isEmpty,
      terminating == 0
    {
      if let i = job.status.conditions.firstIndex(where: { $0.type == f.type }) {
        job.status.conditions[i].status = f.status
        job.status.conditions[i].reason = f.reason
        job.status.conditions[i].message = f.message
      } else {
        job.status.conditions.append(f)
      }
      if f.type == JobConditionType.complete { job.status.completionTime = f.lastTransitionTime }
      jobFinished = true
      needsFlush = true
    }
    let current = informers.jobs.get(key)?.status
    guard needsFlush || job.status != current else {
      sendFinalizerRemovals(key, removeFinalizers)
      backoff[key] = record
      return
    }
    for p in removeFinalizers { expectedRemovals[key, default: []].insert(p.metadata.uid) }
    let finishedCondition = jobFinished ? finished : nil
    let jobRef = ObjectReference.to(job)
    let completions = job.spec.completions
    let succeededCount = job.status.succeeded ?? 0
    let failedUIDs = newFailed.map(\.metadata.uid)
    client.updateStatus(job) { [weak self] result in
      guard let self else { return }
      switch result {
      case .success:
        backoff[key] = record
        backoffCounted[key, default: []].formUnion(failedUIDs)
        for p in removeFinalizers { sendRemoveFinalizer(p) }
        if let f = finishedCondition {
          if f.type == JobConditionType.complete {
            if let c = completions, succeededCount > c {
              recorder.event(
                jobRef, type: "Warning", reason: "TooManySucceededPods",
                message: "Too many succeeded pods running after completion count reached")
            }
            recorder.event(jobRef, reason: "Completed", message: "Job completed")
          } else {
            recorder.event(jobRef, type: "Warning", reason: f.reason, message: f.message)
          }
        }
      case .failure:
        for p in removeFinalizers { expectedRemovals[key]?.remove(p.metadata.uid) }
        queue.addRateLimited(key, now: context.now)
      }
    }
  }

  private func sendFinalizerRemovals(_ key: String, _ pods: [Pod]) {
    for p in pods {
      expectedRemovals[key, default: []].insert(p.metadata.uid)
      sendRemoveFinalizer(p)
    }
  }
}
