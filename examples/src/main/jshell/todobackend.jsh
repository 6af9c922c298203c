// The todobackend pipeline, defined and run locally from JShell:
//   bin/slipway-jshell examples/src/main/jshell/todobackend.jsh
// (scripts/test-env first: it starts Docker and the registry and builds the slipway/debian image.)

String repository = dev.slipway.examples.todobackend.SampleRepository.create(Files.createTempDirectory("todobackend"))
String registryHost = System.getenv().getOrDefault("SLIPWAY_REGISTRY", "127.0.0.1:5000")

Pipeline p = pipeline("todobackend")
    .stage("Source", git(repository).branch("main"))
    .stage("Build", codeBuild("todobackend")
        .image("slipway/debian")
        .hostDockerSocket(true)
        .preBuild("export BUILD_ID=$(echo $CODEBUILD_BUILD_ID | sed 's/^[^:]*://g')",
                  "export APP_VERSION=$CODEBUILD_RESOLVED_SOURCE_VERSION.$BUILD_ID")
        .build("make test", "make release")
        .postBuild("make clean")
        .exportedVariables("APP_VERSION"))
    .stage("Publish", dockerImage("todobackend")
        .fromLocalImage("todobackend:${APP_VERSION}")
        .tag("${APP_VERSION}")
        .to(registry(registryHost)))
    .build();

LocalRuntime runtime = LocalRuntime.create();
PipelineResult r = runtime.run(p, ConsoleReporter.quiet());
runtime.close();

System.out.println("BUILD phase: " + r.build("Build").phase(PhaseType.BUILD).status());
System.out.println("Pushed: " + r.publish("Publish").imageReference());
/exit
