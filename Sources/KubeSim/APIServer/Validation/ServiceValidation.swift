// ServiceValidation: core/v1 Service validation (ValidateService, ValidateServiceUpdate).

public enum ServiceValidation {
  /// Upstream `ValidateService` for the fields the simulation uses: DNS-1035 name, ports, type,
  /// session affinity, selector labels, nodePorts only on NodePort/LoadBalancer.
  public static func validate(_ svc: Service) -> [FieldError] {
    var errs = MetaValidation.validateObjectMeta(
      svc.metadata, namespaced: true, nameRule: NameValidation.nameIsDNS1035Label)
    let spec = svc.spec
    let path: FieldPath = "spec"
    let headless = spec.clusterIP == ServiceSpec.clusterIPNone
    if spec.ports.isEmpty && !headless && spec.type != ServiceType.externalName {
      errs.append(.required(path.child("ports")))
    }
    switch spec.type {
    case ServiceType.externalName:
      if spec.externalName.isEmpty {
        errs.append(.required(path.child("externalName")))
      } else {
        errs += NameValidation.isDNS1123Subdomain(spec.externalName).map {
          .invalid(path.child("externalName"), .string(spec.externalName), $0)
        }
      }
    default: break
    }
    var portNames: Set<String> = []
    for (i, port) in spec.ports.enumerated() {
      let p = path.child("ports").index(i)
      if spec.ports.count > 1 && port.name.isEmpty {
        errs.append(.required(p.child("name")))
      } else if !port.name.isEmpty {
        errs += NameValidation.isDNS1123Label(port.name).map { .invalid(p.child("name"), .string(port.name), $0) }
        if !portNames.insert(port.name).inserted { errs.append(.duplicate(p.child("name"), .string(port.name))) }
      }
      errs += PodSpecValidation.isValidPortNum(Int(port.port)).map {
        .invalid(p.child("port"), .integer(port.port), $0)
      }
      errs += PodSpecValidation.validateProtocol(port.protocol, p.child("protocol"))
      if let target = port.targetPort { errs += PodSpecValidation.validatePortNumOrName(target, p.child("targetPort")) }
      if let np = port.nodePort, np != 0 {
        if spec.type == ServiceType.clusterIP {
          errs.append(.forbidden(p.child("nodePort"), "may not be used when `type` is 'ClusterIP'"))
        } else {
          errs += PodSpecValidation.isValidPortNum(Int(np)).map { .invalid(p.child("nodePort"), .integer(np), $0) }
        }
      }
    }
    if spec.type.isEmpty {
      errs.append(.required(path.child("type")))
    } else if !ServiceType.all.contains(spec.type) {
      errs.append(.notSupported(path.child("type"), .string(spec.type), ServiceType.all))
    }
    if spec.sessionAffinity.isEmpty {
      errs.append(.required(path.child("sessionAffinity")))
    } else if !ServiceAffinity.all.contains(spec.sessionAffinity) {
      errs.append(.notSupported(path.child("sessionAffinity"), .string(spec.sessionAffinity), ServiceAffinity.all))
    }
    if spec.type != ServiceType.externalName {
      errs += MetaValidation.validateLabels(spec.selector, path.child("selector"))
    }
    if !spec.externalTrafficPolicy.isEmpty && !ServiceTrafficPolicy.all.contains(spec.externalTrafficPolicy) {
      errs.append(
        .notSupported(
          path.child("externalTrafficPolicy"), .string(spec.externalTrafficPolicy), ServiceTrafficPolicy.all))
    }
    if let itp = spec.internalTrafficPolicy, !ServiceTrafficPolicy.all.contains(itp) {
      errs.append(.notSupported(path.child("internalTrafficPolicy"), .string(itp), ServiceTrafficPolicy.all))
    }
    return errs
  }

  /// Upstream `ValidateServiceUpdate`: the new service, and `spec.clusterIPs[i]: Invalid value:
  /// […]: may not change once set` (ExternalName services and headless-to-headless excepted).
  public static func validateUpdate(_ new: Service, _ old: Service) -> [FieldError] {
    var errs = MetaValidation.validateObjectMetaUpdate(new.metadata, old.metadata) + validate(new)
    if new.spec.type == ServiceType.externalName || old.spec.type == ServiceType.externalName { return errs }
    let oldIPs = old.spec.clusterIPs.isEmpty && !old.spec.clusterIP.isEmpty ? [old.spec.clusterIP] : old.spec.clusterIPs
    let newIPs = new.spec.clusterIPs.isEmpty && !new.spec.clusterIP.isEmpty ? [new.spec.clusterIP] : new.spec.clusterIPs
    if old.isHeadless && new.isHeadless { return errs }
    if oldIPs.count == newIPs.count {
      for (i, ip) in oldIPs.enumerated() where ip != newIPs[i] {
        errs.append(
          .invalid(
            FieldPath("spec").child("clusterIPs").index(i), .goSyntax(GoSyntax.stringSlice(newIPs)),
            "may not change once set"))
      }
    } else if newIPs.isEmpty {
      errs.append(
        .invalid(
          FieldPath("spec").child("clusterIPs").index(0), .goSyntax("[]string(nil)"),
          "primary clusterIP can not be unset"))
    }
    return errs
  }
}
