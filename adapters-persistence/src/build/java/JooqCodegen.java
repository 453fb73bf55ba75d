import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Build-time program (run by exec-maven-plugin in generate-sources): starts a throwaway embedded
 * PostgreSQL, applies the Flyway migrations exactly as the server does, and generates the jOOQ classes
 * from the resulting schemas. Skips all work when the migrations are unchanged since the last run.
 *
 * Arguments: migrationRoot outputDir packageName workDir
 */
public final class JooqCodegen {

    private static final List<String> SCHEMAS = List.of("protocol", "hub", "orchestration");

    public static void main(String[] args) throws Exception {
        Path migrationRoot = Path.of(args[0]);
        Path outputDir = Path.of(args[1]);
        String packageName = args[2];
        Path workDir = Path.of(args[3]);

        String fingerprint = fingerprint(migrationRoot, packageName);
        Path stamp = outputDir.resolve(".migrations.sha256");
        if (Files.exists(stamp) && Files.readString(stamp).equals(fingerprint)) {
            System.out.println("[jooq-codegen] migrations unchanged; generated sources are up to date");
            return;
        }
        long started = System.nanoTime();
        Files.createDirectories(workDir);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(workDir.toFile())
                .start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            Flyway.configure()
                    .dataSource(postgres.getPostgresDatabase())
                    .locations(SCHEMAS.stream().map(s -> "filesystem:" + migrationRoot.resolve(s)).toArray(String[]::new))
                    .schemas(SCHEMAS.toArray(String[]::new))
                    .defaultSchema("public")
                    .createSchemas(true)
                    .load()
                    .migrate();

            Configuration configuration = new Configuration()
                    .withJdbc(new Jdbc().withDriver("org.postgresql.Driver").withUrl(url)
                            .withUser("postgres").withPassword("postgres"))
                    .withGenerator(new Generator()
                            .withDatabase(new Database()
                                    .withName("org.jooq.meta.postgres.PostgresDatabase")
                                    .withSchemata(SCHEMAS.stream()
                                            .map(s -> new org.jooq.meta.jaxb.SchemaMappingType().withInputSchema(s))
                                            .toList())
                                    .withExcludes("flyway_schema_history"))
                            .withGenerate(new Generate()
                                    .withRecords(true)
                                    .withPojos(false)
                                    .withDaos(false)
                                    .withJavaTimeTypes(true)
                                    .withGeneratedAnnotation(false)
                                    .withComments(true))
                            .withTarget(new Target()
                                    .withPackageName(packageName)
                                    .withDirectory(outputDir.toString())
                                    .withClean(true)));
            GenerationTool.generate(configuration);
        }
        Files.writeString(stamp, fingerprint);
        System.out.printf("[jooq-codegen] generated %s in %d ms%n", packageName, (System.nanoTime() - started) / 1_000_000);
    }

    private static String fingerprint(Path migrationRoot, String packageName) throws IOException {
        try (Stream<Path> files = Files.walk(migrationRoot)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(packageName.getBytes(StandardCharsets.UTF_8));
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                digest.update(migrationRoot.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(file));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
