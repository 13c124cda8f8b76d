package io.commandcenter.ingest.victron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.commandcenter.ingest.CloudException;
import org.junit.jupiter.api.Test;

class VictronPayloadsTests {

    @Test
    void readsValuesGivenOnlyAsStrings() {
        var summary = VictronPayloads.batterySummary("""
                {"success":true,"records":{"data":{
                  "51":{"code":"SOC","idDataAttribute":51,"value":"87.5","secondsAgo":41},
                  "47":{"code":"V","idDataAttribute":47,"value":"52.1","secondsAgo":41},
                  "49":{"code":"I","idDataAttribute":49,"value":"-12.4","secondsAgo":41}}}}
                """);

        assertThat(summary.hasData()).isTrue();
        assertThat(summary.soc()).isEqualTo(87.5);
        assertThat(summary.current()).isEqualTo(-12.4);
        assertThat(summary.temperature()).isNull();
        assertThat(summary.secondsAgo()).isEqualTo(41);
    }

    @Test
    void turnsSuccessFalseIntoARejectionWithTheCloudsReason() {
        assertThatThrownBy(() -> VictronPayloads.batterySummary("""
                {"success":false,"errors":"Installation not found","error_code":"not_found"}
                """))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CloudException.Kind.REJECTED);
                    assertThat(e.getMessage()).contains("Installation not found", "not_found");
                });
    }

    @Test
    void reportsAnAnswerThatIsNotJsonAsABadPayload() {
        assertThatThrownBy(() -> VictronPayloads.batterySummary("<html>maintenance</html>"))
                .isInstanceOfSatisfying(CloudException.class,
                        e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.BAD_PAYLOAD));
    }
}
