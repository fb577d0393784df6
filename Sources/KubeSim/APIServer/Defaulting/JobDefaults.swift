// JobDefaults: batch/v1 defaults of a Job (SetDefaults_Job) and the selector the Job strategy generates.

extension Job: SchemeDefaultable {
  /// Upstream `SetDefaults_Job` (v1.32): completions and parallelism 1 when both are unset,
  /// parallelism 1, backoffLimit 6 (MaxInt32 with backoffLimitPerIndex), the Job's labels from the
  /// template when it has none, completionMode NonIndexed, suspend false, podReplacementPolicy
  /// TerminatingOrFailed (Failed with a podFailurePolicy), manualSelector false, and
  /// `onPodConditions[].status: True` in podFailurePolicy rules.
  public mutating func applyDefaults() {
    if spec.completions == nil && spec.parallelism == nil {
      spec.completions = 1
      spec.parallelism = 1
    }
    if spec.parallelism == nil { spec.parallelism = 1 }
    if spec.backoffLimit == nil { spec.backoffLimit = spec.backoffLimitPerIndex != nil ? Int32.max : 6 }
    if let labels = spec.template.metadata.labels, (metadata.labels ?? [:]).isEmpty { metadata.labels = labels }
    if spec.completionMode == nil { spec.completionMode = CompletionMode.nonIndexed }
    if spec.suspend == nil { spec.suspend = false }
    if spec.podReplacementPolicy == nil {
      spec.podReplacementPolicy =
        spec.podFailurePolicy != nil ? PodReplacementPolicy.failed : PodReplacementPolicy.terminatingOrFailed
    }
    if spec.manualSelector == nil { spec.manualSelector = false }
    if var policy = spec.podFailurePolicy, var rules = policy["rules"]?.arrayValue {
      for i in rules.indices {
        guard var patterns = rules[i]["onPodConditions"]?.arrayValue else { continue }
        for j in patterns.indices where patterns[j]["status"] == nil { patterns[j]["status"] = "True" }
        rules[i]["onPodConditions"] = .array(patterns)
      }
      policy["rules"] = .array(rules)
      spec.podFailurePolicy = policy
    }
    spec.template.spec.applyDefaults()
  }
}

enum JobDefaults {
  /// The Job strategy's `generateSelector` (run before validation on create, once the uid is known),
  /// unless `manualSelector` is true: template labels `batch.kubernetes.io/controller-uid`,
  /// `batch.kubernetes.io/job-name`, `controller-uid`, `job-name` (kept if the user set them, so a
  /// conflict fails validation) and selector `matchLabels: {batch.kubernetes.io/controller-uid: uid}`.
  /// Then the Job's own labels default to the template's, as upstream's defaulting on read shows them.
  static func generateSelectorIfNeeded(_ job: inout Job) {
    guard job.spec.manualSelector != true else { return }
    var labels = job.spec.template.metadata.labels ?? [:]
    for key in [JobLabel.legacyJobName, JobLabel.jobName] where labels[key] == nil { labels[key] = job.metadata.name }
    for key in [JobLabel.legacyControllerUID, JobLabel.controllerUID] where labels[key] == nil {
      labels[key] = job.metadata.uid
    }
    job.spec.template.metadata.labels = labels
    var selector = job.spec.selector ?? LabelSelector()
    var match = selector.matchLabels ?? [:]
    if match[JobLabel.controllerUID] == nil { match[JobLabel.controllerUID] = job.metadata.uid }
    selector.matchLabels = match
    job.spec.selector = selector
    if (job.metadata.labels ?? [:]).isEmpty { job.metadata.labels = labels }
  }
}
