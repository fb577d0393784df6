// PodResources: a pod's effective requests and limits and its QoS class (upstream PodRequests, ComputePodQOS).

/// Options of upstream's `PodResourcesOptions` that the simulation uses.
public struct PodResourcesOptions: Sendable {
  /// Leave `spec.overhead` out of the sum.
  public var excludeOverhead: Bool
  /// Amounts assumed for containers that request nothing of a resource (the scheduler's scoring
  /// uses cpu 100m and memory 200Mi).
  public var nonMissingContainerRequests: ResourceList

  public init(excludeOverhead: Bool = false, nonMissingContainerRequests: ResourceList = [:]) {
    self.excludeOverhead = excludeOverhead
    self.nonMissingContainerRequests = nonMissingContainerRequests
  }
}

extension Pod {
  /// Upstream `resourcehelper.PodRequests`: the sum over app containers and sidecars, raised to
  /// the largest need of any single init-container step (`InitContainerUse(i)` = sidecars started
  /// before it + its own requests), plus `spec.overhead`.
  public func requests(_ options: PodResourcesOptions = PodResourcesOptions()) -> ResourceList {
    var reqs = Self.aggregate(spec, options) { $0.resources.requests }
    if !options.excludeOverhead { Self.add(&reqs, spec.overhead) }
    return reqs
  }

  /// Upstream `resourcehelper.PodLimits`: the same aggregation over limits; the overhead is added
  /// only to resources that have a limit.
  public func limits(_ options: PodResourcesOptions = PodResourcesOptions()) -> ResourceList {
    var limits = Self.aggregate(spec, PodResourcesOptions()) { $0.resources.limits }
    if !options.excludeOverhead {
      for (name, q) in spec.overhead where limits[name] != nil { limits[name]! += q }
    }
    return limits
  }

  /// Upstream `ComputePodQOS`: BestEffort without any cpu/memory request or limit; Guaranteed when
  /// every container limits both cpu and memory and the summed requests equal the summed limits;
  /// otherwise Burstable.
  public var qosClass: String {
    var requests: ResourceList = [:]
    var limits: ResourceList = [:]
    var isGuaranteed = true
    let supported = [ResourceName.cpu, ResourceName.memory]
    for c in spec.containers + spec.initContainers {
      for (name, q) in c.resources.requests where supported.contains(name) && q.sign > 0 {
        requests[name] = requests[name].map { $0 + q } ?? q
      }
      var limitsFound: Set<String> = []
      for (name, q) in c.resources.limits where supported.contains(name) && q.sign > 0 {
        limitsFound.insert(name)
        limits[name] = limits[name].map { $0 + q } ?? q
      }
      if !limitsFound.isSuperset(of: supported) { isGuaranteed = false }
    }
    if requests.isEmpty && limits.isEmpty { return PodQOSClass.bestEffort }
    if isGuaranteed {
      for (name, req) in requests {
        guard let lim = limits[name], lim.compare(req) == 0 else {
          isGuaranteed = false
          break
        }
      }
    }
    return isGuaranteed && requests.count == limits.count ? PodQOSClass.guaranteed : PodQOSClass.burstable
  }

  private static func aggregate(
    _ spec: PodSpec, _ options: PodResourcesOptions, _ pick: (Container) -> ResourceList
  ) -> ResourceList {
    func withNonMissing(_ list: ResourceList) -> ResourceList {
      var copy = list
      for (name, q) in options.nonMissingContainerRequests where list[name] == nil { copy[name] = q }
      return copy
    }
    var total: ResourceList = [:]
    for c in spec.containers { add(&total, withNonMissing(pick(c))) }
    var sidecars: ResourceList = [:]
    var initMax: ResourceList = [:]
    for c in spec.initContainers {
      let own = withNonMissing(pick(c))
      let step: ResourceList
      if c.isSidecar {
        add(&total, own)
        add(&sidecars, own)
        step = sidecars
      } else {
        var tmp = own
        add(&tmp, sidecars)
        step = tmp
      }
      raise(&initMax, to: step)
    }
    raise(&total, to: initMax)
    return total
  }

  /// Upstream `addResourceList`.
  static func add(_ list: inout ResourceList, _ other: ResourceList) {
    for (name, q) in other { list[name] = list[name].map { $0 + q } ?? q }
  }

  /// Upstream `maxResourceList`: each entry becomes the larger of the two.
  static func raise(_ list: inout ResourceList, to other: ResourceList) {
    for (name, q) in other {
      if let have = list[name], have.compare(q) >= 0 { continue }
      list[name] = q
    }
  }
}
