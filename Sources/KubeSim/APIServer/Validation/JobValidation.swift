// JobValidation: batch/v1 Job validation (pkg/apis/batch/validation).

public enum JobValidation {
  /// Upstream `ValidateJob`: metadata, counts non-negative, selector required and matching the
  /// template, the generated labels, and a template restartPolicy of OnFailure or Never.
  public static func validate(_ job: Job) -> [FieldError] {
    var errs = MetaValidation.validateObjectMeta(
      job.metadata, namespaced: true, nameRule: NameValidation.nameIsDNSSubdomain)
    errs += validateGeneratedSelector(job)
    let spec = job.spec
    let path: FieldPath = "spec"
    if let v = spec.parallelism { errs += MetaValidation.validateNonnegative(v, path.child("parallelism")) }
    if let v = spec.completions { errs += MetaValidation.validateNonnegative(v, path.child("completions")) }
    if let v = spec.activeDeadlineSeconds {
      errs += MetaValidation.validateNonnegative(v, path.child("activeDeadlineSeconds"))
    }
    if let v = spec.backoffLimit { errs += MetaValidation.validateNonnegative(v, path.child("backoffLimit")) }
    if let v = spec.ttlSecondsAfterFinished {
      errs += MetaValidation.validateNonnegative(v, path.child("ttlSecondsAfterFinished"))
    }
    if let mode = spec.completionMode, !CompletionMode.all.contains(mode) {
      errs.append(.notSupported(path.child("completionMode"), .string(mode), CompletionMode.all))
    }
    if spec.completionMode == CompletionMode.indexed && spec.completions == nil {
      errs.append(.required(path.child("completions"), "when completion mode is Indexed"))
    }
    if spec.selector == nil {
      errs.append(.required(path.child("selector")))
    } else {
      errs += MetaValidation.validateLabelSelector(spec.selector, path.child("selector"))
    }
    if let selector = try? spec.selector.asSelector(), !selector.matches(spec.template.labels) {
      errs.append(
        .invalid(
          path.child("template", "metadata", "labels"), .goSyntax(GoSyntax.stringMap(spec.template.metadata.labels)),
          "`selector` does not match template `labels`"))
    }
    errs += PodTemplateValidation.validate(spec.template, path.child("template"))
    let restart = spec.template.spec.restartPolicy
    let restartPath = path.child("template", "spec", "restartPolicy")
    if restart == RestartPolicy.always || restart.isEmpty {
      errs.append(.required(restartPath, "valid values: \"OnFailure\", \"Never\""))
    } else if restart != RestartPolicy.onFailure && restart != RestartPolicy.never {
      errs.append(.notSupported(restartPath, .string(restart), [RestartPolicy.onFailure, RestartPolicy.never]))
    }
    return errs
  }

  /// Upstream `validateGeneratedSelector`: unless `manualSelector`, the template must carry the
  /// labels generated from the Job's uid and name, and the selector must select that uid.
  static func validateGeneratedSelector(_ job: Job) -> [FieldError] {
    guard job.spec.manualSelector != true, let labels = job.spec.template.metadata.labels,
      let selector = job.spec.selector
    else { return [] }
    var errs: [FieldError] = []
    let labelsPath = FieldPath("spec").child("template", "metadata", "labels")
    let uid = job.metadata.uid
    for key in [JobLabel.legacyControllerUID, JobLabel.controllerUID] where labels[key] != uid {
      errs.append(.invalid(labelsPath.key(key), .goSyntax(GoSyntax.stringMap(labels)), "must be '\(uid)'"))
    }
    for key in [JobLabel.legacyJobName, JobLabel.jobName] where labels[key] != job.metadata.name {
      errs.append(
        .invalid(labelsPath.key(key), .goSyntax(GoSyntax.stringMap(labels)), "must be '\(job.metadata.name)'"))
    }
    if selector.matchLabels?[JobLabel.controllerUID] != uid {
      errs.append(
        .invalid(
          FieldPath("spec").child("selector").child("matchLabels").key(JobLabel.controllerUID),
          .goSyntax(GoSyntax.labelSelector(selector)), "must be '\(uid)'"))
    }
    return errs
  }

  /// Upstream `ValidateJobUpdate`: selector, completionMode and (unless suspended for the scheduling
  /// directives) the pod template are immutable; completions only with Indexed elastic jobs.
  // Simulation: the immutable template's value is printed as `core.PodTemplateSpec{…}`, not in full.
  public static func validateUpdate(_ new: Job, _ old: Job) -> [FieldError] {
    var errs = MetaValidation.validateObjectMetaUpdate(new.metadata, old.metadata)
    errs += validate(new)
    let path: FieldPath = "spec"
    if !(new.spec.completionMode == CompletionMode.indexed && new.spec.completions == new.spec.parallelism) {
      errs += MetaValidation.validateImmutable(
        new.spec.completions, old.spec.completions, path.child("completions"),
        rendered: new.spec.completions.map { .integer($0) } ?? .none)
    }
    errs += MetaValidation.validateImmutable(
      new.spec.selector, old.spec.selector, path.child("selector"),
      rendered: .goSyntax(GoSyntax.labelSelector(new.spec.selector)))
    var template = new.spec.template
    if new.spec.suspend == true && old.spec.suspend == true {
      // Scheduling directives of a suspended job that never started may change.
      template.metadata.labels = old.spec.template.metadata.labels
      template.metadata.annotations = old.spec.template.metadata.annotations
      template.spec.nodeSelector = old.spec.template.spec.nodeSelector
      template.spec.tolerations = old.spec.template.spec.tolerations
      template.spec.affinity = old.spec.template.spec.affinity
      template.spec.schedulingGates = old.spec.template.spec.schedulingGates
    }
    errs += MetaValidation.validateImmutable(
      template, old.spec.template, path.child("template"), rendered: .goSyntax("core.PodTemplateSpec{…}"))
    errs += MetaValidation.validateImmutable(
      new.spec.completionMode, old.spec.completionMode, path.child("completionMode"),
      rendered: new.spec.completionMode.map { .string($0) } ?? .none)
    return errs
  }
}
