package dev.agenthub.orchestration.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RoleTest {

    @Test
    void levelsFollowTheSpecOrder() {
        assertThat(Role.values()).containsExactly(Role.VIEWER, Role.MAINTAINER, Role.ADMIN);
        assertThat(Role.VIEWER.level()).isEqualTo(1);
        assertThat(Role.MAINTAINER.level()).isEqualTo(2);
        assertThat(Role.ADMIN.level()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0} atLeast {1} = {2}")
    @CsvSource({
            "VIEWER,     VIEWER,     true",
            "VIEWER,     MAINTAINER, false",
            "VIEWER,     ADMIN,      false",
            "MAINTAINER, VIEWER,     true",
            "MAINTAINER, MAINTAINER, true",
            "MAINTAINER, ADMIN,      false",
            "ADMIN,      VIEWER,     true",
            "ADMIN,      MAINTAINER, true",
            "ADMIN,      ADMIN,      true",
    })
    void atLeastMeansLevelGreaterOrEqual(Role held, Role required, boolean granted) {
        assertThat(held.atLeast(required)).isEqualTo(granted);
    }

    @Test
    void wireNamesAreLowercase() {
        assertThat(Role.VIEWER.wireName()).isEqualTo("viewer");
        assertThat(Role.MAINTAINER.wireName()).isEqualTo("maintainer");
        assertThat(Role.ADMIN.wireName()).isEqualTo("admin");
    }

    @Test
    void fromWireNameParsesEachWireName() {
        assertThat(Role.fromWireName("viewer")).contains(Role.VIEWER);
        assertThat(Role.fromWireName("maintainer")).contains(Role.MAINTAINER);
        assertThat(Role.fromWireName("admin")).contains(Role.ADMIN);
        for (Role role : Role.values()) {
            assertThat(Role.fromWireName(role.wireName())).contains(role);
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "Admin", "ADMIN", "VIEWER", "Maintainer", " admin", "admin ", "admin\n", "owner", "superadmin",
            "admins", "1", "3", "viewer,admin",
    })
    void fromWireNameIsExactAndLowercaseOnly(String text) {
        assertThat(Role.fromWireName(text)).isEmpty();
    }

    @ParameterizedTest(name = "min({0}, {1}) = {2}")
    @CsvSource({
            "VIEWER,     ADMIN,      VIEWER",
            "ADMIN,      VIEWER,     VIEWER",
            "MAINTAINER, ADMIN,      MAINTAINER",
            "ADMIN,      MAINTAINER, MAINTAINER",
            "MAINTAINER, VIEWER,     VIEWER",
            "ADMIN,      ADMIN,      ADMIN",
            "VIEWER,     VIEWER,     VIEWER",
    })
    void minIsTheLowerRole(Role a, Role b, Role expected) {
        assertThat(Role.min(a, b)).isEqualTo(expected);
        assertThat(Role.min(b, a)).isEqualTo(expected);
    }
}
