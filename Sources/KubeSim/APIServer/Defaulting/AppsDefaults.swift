// AppsDefaults: apps/v1 defaults (SetDefaults_Deployment, _ReplicaSet, _DaemonSet) and their templates' pod specs.

extension Deployment: SchemeDefaultable {
  /// `replicas: 1`, RollingUpdate with `maxUnavailable`/`maxSurge` 25%, `revisionHistoryLimit: 10`,
  /// `progressDeadlineSeconds: 600`, and the pod template's spec defaults.
  public mutating func applyDefaults() {
    if spec.replicas == nil { spec.replicas = 1 }
    if spec.strategy.type.isEmpty { spec.strategy.type = DeploymentStrategyType.rollingUpdate }
    if spec.strategy.type == DeploymentStrategyType.rollingUpdate {
      var ru = spec.strategy.rollingUpdate ?? RollingUpdateDeployment()
      if ru.maxUnavailable == nil { ru.maxUnavailable = .string("25%") }
      if ru.maxSurge == nil { ru.maxSurge = .string("25%") }
      spec.strategy.rollingUpdate = ru
    }
    if spec.revisionHistoryLimit == nil { spec.revisionHistoryLimit = 10 }
    if spec.progressDeadlineSeconds == nil { spec.progressDeadlineSeconds = 600 }
    spec.template.spec.applyDefaults()
  }
}

extension ReplicaSet: SchemeDefaultable {
  /// `replicas: 1` and the pod template's spec defaults.
  public mutating func applyDefaults() {
    if spec.replicas == nil { spec.replicas = 1 }
    spec.template.spec.applyDefaults()
  }
}

extension DaemonSet: SchemeDefaultable {
  /// RollingUpdate with `maxUnavailable: 1`, `maxSurge: 0`, `revisionHistoryLimit: 10`, and the
  /// pod template's spec defaults.
  public mutating func applyDefaults() {
    if spec.updateStrategy.type.isEmpty { spec.updateStrategy.type = DaemonSetUpdateStrategyType.rollingUpdate }
    if spec.updateStrategy.type == DaemonSetUpdateStrategyType.rollingUpdate {
      var ru = spec.updateStrategy.rollingUpdate ?? RollingUpdateDaemonSet()
      if ru.maxUnavailable == nil { ru.maxUnavailable = .int(1) }
      if ru.maxSurge == nil { ru.maxSurge = .int(0) }
      spec.updateStrategy.rollingUpdate = ru
    }
    if spec.revisionHistoryLimit == nil { spec.revisionHistoryLimit = 10 }
    spec.template.spec.applyDefaults()
  }
}
