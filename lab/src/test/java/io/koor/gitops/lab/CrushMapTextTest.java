package io.koor.gitops.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.lab.CrushLayout.Host;
import io.koor.gitops.model.ceph.FailureDomain;
import io.koor.gitops.model.ceph.PoolSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The edit of crushtool's map, without crushtool: the shape `crushtool --build ... host straw2 2 root straw2 0` decompiles to. */
class CrushMapTextTest {
    private static final String BUILT_TWO_HOSTS_OF_TWO = """
            # begin crush map
            tunable choose_total_tries 50
            tunable chooseleaf_stable 1

            # devices
            device 0 osd.0
            device 1 osd.1
            device 2 osd.2
            device 3 osd.3

            # types
            type 0 osd
            type 1 host
            type 2 root

            # buckets
            host host0 {
            \tid -1\t\t# do not change unnecessarily
            \t# weight 2.000
            \talg straw2
            \thash 0\t# rjenkins1
            \titem osd.0 weight 1.000
            \titem osd.1 weight 1.000
            }
            host host1 {
            \tid -2\t\t# do not change unnecessarily
            \t# weight 2.000
            \talg straw2
            \thash 0\t# rjenkins1
            \titem osd.2 weight 1.000
            \titem osd.3 weight 1.000
            }
            root root {
            \tid -3\t\t# do not change unnecessarily
            \t# weight 4.000
            \talg straw2
            \thash 0\t# rjenkins1
            \titem host0 weight 2.000
            \titem host1 weight 2.000
            }

            # rules
            rule replicated_rule {
            \tid 0
            \ttype replicated
            \tmin_size 1
            \tmax_size 10
            \tstep take root
            \tstep chooseleaf firstn 0 type host
            \tstep emit
            }

            # end crush map
            """;

    @Test
    void dropsMissingOsdsTagsClassesReweighsHostsAndReplacesTheRules() {
        CrushLayout layout = new CrushLayout(List.of(new Host("a", List.of("ssd", "hdd")), Host.of("b", 1, "hdd")),
                List.of());
        String text = CrushMapText.edit(BUILT_TWO_HOSTS_OF_TWO, layout, 2, "RULES\n");
        assertThat(text).contains("device 0 osd.0 class ssd\ndevice 1 osd.1 class hdd\ndevice 2 osd.2 class hdd\n\n")
                .doesNotContain("osd.3").doesNotContain("# weight").doesNotContain("replicated_rule")
                .contains("root default {").contains("\titem host0 weight 2.000\n\titem host1 weight 1.000\n")
                .endsWith("# rules\nRULES\n# end crush map\n");
        assertThat(text.substring(text.indexOf("host host1"), text.indexOf("root default")))
                .contains("\titem osd.2 weight 1.000\n}");
    }

    @Test
    void rulesAreTheOnesCephMakesForPools() {
        assertThat(CrushMapText.rule(0, PoolSpec.replicated(3), false)).isEqualTo("""
                rule pool0 {
                \tid 0
                \ttype replicated
                \tmin_size 1
                \tmax_size 10
                \tstep take default
                \tstep chooseleaf firstn 0 type host
                \tstep emit
                }
                """);
        assertThat(CrushMapText.rule(1, PoolSpec.erasureCoded(4, 2).failureDomain(FailureDomain.OSD).deviceClass("ssd"),
                false)).isEqualTo("""
                rule pool1 {
                \tid 1
                \ttype erasure
                \tmin_size 3
                \tmax_size 20
                \tstep set_chooseleaf_tries 5
                \tstep set_choose_tries 100
                \tstep take default class ssd
                \tstep choose indep 0 type osd
                \tstep emit
                }
                """);
        assertThat(CrushMapText.rule(0, PoolSpec.replicated(3), true)).contains("\tstep set_choose_tries 1000\n\tstep take");
    }
}
