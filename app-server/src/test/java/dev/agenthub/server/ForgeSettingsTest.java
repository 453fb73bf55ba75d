package dev.agenthub.server;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The forge API base URLs of {@link HubConfig} (wire spec agenthub §10, §12). */
class ForgeSettingsTest {

    @Test
    void defaultsAreThePublicApis() {
        assertThat(HubConfig.fromEnvironment(Map.of()).forges()).isEqualTo(new ForgeSettings(
                URI.create("https://api.github.com"), URI.create("https://gitlab.com/api/v4")));
    }

    @Test
    void unprefixedAndPrefixedNamesAreRead() {
        ForgeSettings unprefixed = HubConfig.fromEnvironment(Map.of(
                "GITHUB_API_BASE_URL", "https://ghe.example/api/v3",
                "gitlab_api_base_url", " http://gitlab.internal:8080/api/v4 ")).forges();
        assertThat(unprefixed).isEqualTo(new ForgeSettings(URI.create("https://ghe.example/api/v3"),
                URI.create("http://gitlab.internal:8080/api/v4")));
        ForgeSettings prefixed = HubConfig.fromEnvironment(Map.of(
                "GITHUB_API_BASE_URL", "https://ignored.example",
                "AGENT_HUB_GITHUB_API_BASE_URL", "https://wins.example/api/v3")).forges();
        assertThat(prefixed.githubBaseUrl()).isEqualTo(URI.create("https://wins.example/api/v3"));
    }

    @Test
    void badUrlsAreReportedNamingTheirVariable() {
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of(
                "GITHUB_API_BASE_URL", "ftp://ghe.example",
                "GITLAB_API_BASE_URL", "https://gitlab.example/api/v4?x=1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("GITHUB_API_BASE_URL: expected an absolute http:// or https:// URL")
                .hasMessageContaining("GITLAB_API_BASE_URL: a base URL takes no query or fragment");
        assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("GITHUB_API_BASE_URL", "not a url")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("GITHUB_API_BASE_URL");
    }
}
