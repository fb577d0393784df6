// Job: run pods to completion (batch/v1 Job).

/// batch/v1 `Job`.
public struct Job: KubeObject, Hashable {
  public static let resource = ResourceType(
    kind: "Job", group: "batch", plural: "jobs", categories: ["all"])

  public var metadata: ObjectMeta = ObjectMeta()
  public var spec: JobSpec = JobSpec()
  public var status: JobStatus = JobStatus()

  public init(metadata: ObjectMeta = ObjectMeta(), spec: JobSpec = JobSpec(), status: JobStatus = JobStatus()) {
    self.metadata = metadata
    self.spec = spec
    self.status = status
  }

  /// The condition of `type`, if reported.
  public func condition(_ type: String) -> JobCondition? { status.conditions.first { $0.type == type } }
  /// `Complete` or `Failed` is `True`.
  public var isFinished: Bool {
    status.conditions.contains {
      ($0.type == JobConditionType.complete || $0.type == JobConditionType.failed) && $0.status == ConditionStatus.true
    }
  }
}

/// Labels the apiserver generates on a Job's pod template and selector (batch/v1 constants).
public enum JobLabel {
  public static let controllerUID = "batch.kubernetes.io/controller-uid"
  public static let jobName = "batch.kubernetes.io/job-name"
  public static let legacyControllerUID = "controller-uid"
  public static let legacyJobName = "job-name"
  public static let completionIndexAnnotation = "batch.kubernetes.io/job-completion-index"
}

/// batch/v1 `CompletionMode` values.
public enum CompletionMode {
  public static let nonIndexed = "NonIndexed"
  public static let indexed = "Indexed"
  public static let all = [nonIndexed, indexed]
}

/// batch/v1 `PodReplacementPolicy` values.
public enum PodReplacementPolicy {
  public static let terminatingOrFailed = "TerminatingOrFailed"
  public static let failed = "Failed"
}

/// batch/v1 `JobSpec`. podFailurePolicy and successPolicy are carried as JSON.
public struct JobSpec: Codable, Sendable, Hashable {
  /// Defaulted to 1.
  public var parallelism: Int32? = nil
  /// Defaulted to 1 when parallelism is unset too.
  public var completions: Int32? = nil
  public var activeDeadlineSeconds: Int64? = nil
  public var podFailurePolicy: JSON? = nil
  public var successPolicy: JSON? = nil
  /// Defaulted to 6.
  public var backoffLimit: Int32? = nil
  public var backoffLimitPerIndex: Int32? = nil
  public var maxFailedIndexes: Int32? = nil
  /// Generated from the Job's uid unless `manualSelector` is true.
  public var selector: LabelSelector? = nil
  /// Defaulted to false.
  public var manualSelector: Bool? = nil
  public var template: PodTemplateSpec = PodTemplateSpec()
  public var ttlSecondsAfterFinished: Int32? = nil
  /// Defaulted to `NonIndexed`.
  public var completionMode: String? = nil
  /// Defaulted to false.
  public var suspend: Bool? = nil
  /// Defaulted to `TerminatingOrFailed` (`Failed` with a podFailurePolicy).
  public var podReplacementPolicy: String? = nil
  public var managedBy: String? = nil

  public init(
    parallelism: Int32? = nil, completions: Int32? = nil, backoffLimit: Int32? = nil,
    template: PodTemplateSpec = PodTemplateSpec()
  ) {
    self.parallelism = parallelism
    self.completions = completions
    self.backoffLimit = backoffLimit
    self.template = template
  }
}

/// batch/v1 `JobStatus`.
public struct JobStatus: Codable, Sendable, Hashable {
  public var conditions: [JobCondition] = []
  public var startTime: Time? = nil
  public var completionTime: Time? = nil
  public var active: Int32? = nil
  public var succeeded: Int32? = nil
  public var failed: Int32? = nil
  public var terminating: Int32? = nil
  public var completedIndexes: String = ""
  public var failedIndexes: String? = nil
  public var uncountedTerminatedPods: UncountedTerminatedPods? = nil
  public var ready: Int32? = nil

  public init() {}
}

/// batch/v1 `UncountedTerminatedPods`: pod UIDs the controller has not yet counted.
public struct UncountedTerminatedPods: Codable, Sendable, Hashable {
  public var succeeded: [String] = []
  public var failed: [String] = []
  public init(succeeded: [String] = [], failed: [String] = []) {
    self.succeeded = succeeded
    self.failed = failed
  }
}

/// batch/v1 `JobConditionType` values.
public enum JobConditionType {
  public static let suspended = "Suspended"
  public static let complete = "Complete"
  public static let failed = "Failed"
  public static let failureTarget = "FailureTarget"
  public static let successCriteriaMet = "SuccessCriteriaMet"
}

/// batch/v1 `JobCondition`.
public struct JobCondition: Codable, Sendable, Hashable {
  public var type: String = ""
  public var status: String = ""
  public var lastProbeTime: Time? = nil
  public var lastTransitionTime: Time? = nil
  public var reason: String = ""
  public var message: String = ""
  public init(
    type: String, status: String, lastProbeTime: Time? = nil, lastTransitionTime: Time? = nil, reason: String = "",
    message: String = ""
  ) {
    self.type = type
    self.status = status
    self.lastProbeTime = lastProbeTime
    self.lastTransitionTime = lastTransitionTime
    self.reason = reason
    self.message = message
  }
}
