// PodValidation: a Pod object's create and update validation (upstream ValidatePodCreate, ValidatePodUpdate).

public enum PodValidation {
  /// Upstream `ValidatePodCreate`: metadata (DNS subdomain name), the spec, no ephemeral containers.
  public static func validate(_ pod: Pod) -> [FieldError] {
    var errs = MetaValidation.validateObjectMeta(
      pod.metadata, namespaced: true, nameRule: NameValidation.nameIsDNSSubdomain)
    errs += PodSpecValidation.validate(pod.spec, "spec")
    if !pod.spec.ephemeralContainers.isEmpty {
      errs.append(.forbidden(FieldPath("spec").child("ephemeralContainers"), "cannot be set on create"))
    }
    return errs
  }

  /// The text of upstream's `Forbidden` for a pod spec change outside the mutable fields.
  public static let podUpdateForbiddenMessage =
    "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"

  /// Upstream `ValidatePodUpdate`: metadata, the new spec, and `spec: Forbidden: pod updates may not
  /// change fields other than …` when anything but images, activeDeadlineSeconds or added
  /// tolerations changed.
  // Simulation: upstream appends a Go `cmp.Diff` of the two specs to that message; it is left out.
  public static func validateUpdate(_ new: Pod, _ old: Pod) -> [FieldError] {
    var errs = MetaValidation.validateObjectMetaUpdate(new.metadata, old.metadata)
    // ValidateObjectMetaAccessorUpdate checks the new labels and annotations too.
    errs += MetaValidation.validateLabels(new.metadata.labels ?? [:], FieldPath("metadata").child("labels"))
    errs += MetaValidation.validateAnnotations(
      new.metadata.annotations ?? [:], FieldPath("metadata").child("annotations"))
    errs += PodSpecValidation.validate(new.spec, "spec")
    let spec: FieldPath = "spec"
    if let newDeadline = new.spec.activeDeadlineSeconds {
      if let oldDeadline = old.spec.activeDeadlineSeconds, newDeadline > oldDeadline {
        errs.append(
          .invalid(
            spec.child("activeDeadlineSeconds"), .int(newDeadline), "must be less than or equal to previous value"))
      }
    } else if old.spec.activeDeadlineSeconds != nil {
      errs.append(
        .invalid(spec.child("activeDeadlineSeconds"), .none, "must not update from a positive integer to nil value"))
    }
    var munged = new.spec
    // Images may change.
    for i in munged.containers.indices where i < old.spec.containers.count {
      munged.containers[i].image = old.spec.containers[i].image
    }
    for i in munged.initContainers.indices where i < old.spec.initContainers.count {
      munged.initContainers[i].image = old.spec.initContainers[i].image
    }
    munged.activeDeadlineSeconds = old.spec.activeDeadlineSeconds
    // Tolerations may only be added to.
    if new.spec.tolerations.count >= old.spec.tolerations.count
      && old.spec.tolerations.allSatisfy({ o in new.spec.tolerations.contains(o) })
    {
      munged.tolerations = old.spec.tolerations
    }
    // Scheduling gates may only be removed; while the pod is gated, its nodeSelector may gain
    // entries and its node affinity may be narrowed (upstream since v1.27).
    if new.spec.schedulingGates.allSatisfy({ old.spec.schedulingGates.contains($0) }) {
      munged.schedulingGates = old.spec.schedulingGates
    }
    if !old.spec.schedulingGates.isEmpty {
      if old.spec.nodeSelector.allSatisfy({ new.spec.nodeSelector[$0.key] == $0.value }) {
        munged.nodeSelector = old.spec.nodeSelector
      }
      munged.affinity = old.spec.affinity
    }
    if let oldGrace = old.spec.terminationGracePeriodSeconds, oldGrace < 0, new.spec.terminationGracePeriodSeconds == 1
    {
      munged.terminationGracePeriodSeconds = oldGrace
    }
    if munged != old.spec { errs.append(.forbidden(spec, podUpdateForbiddenMessage)) }
    return errs
  }
}
