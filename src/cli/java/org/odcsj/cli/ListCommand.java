package org.odcsj.cli;

import java.util.concurrent.Callable;
import org.odcsj.client.ComposeQuery;
import org.odcsj.client.ComposeState;
import org.odcsj.client.Page;
import org.odcsj.client.SourceType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code odcs list}: the composes matching the filters, one page or (--all) every page. */
@Command(name = "list", description = "List composes: filters, one page or --all, table or --json.")
final class ListCommand implements Callable<Integer> {

  @ParentCommand OdcsCommand odcs;
  @Spec CommandSpec spec;

  @Option(names = "--owner")
  String owner;

  @Option(names = "--source-type", description = "tag, module, repo, … or its number.")
  String sourceType;

  @Option(names = "--source")
  String source;

  @Option(names = "--state", description = "wait, generating, done, removed, failed or a number.")
  String state;

  @Option(names = "--koji-task-id")
  Long kojiTaskId;

  @Option(names = "--pungi-compose-id")
  String pungiComposeId;

  @Option(names = "--compose-type")
  String composeType;

  @Option(names = "--label")
  String label;

  @Option(names = "--order-by", description = "Sort key, \"-\" first for descending (default -id).")
  String orderBy;

  @Option(names = "--page")
  Integer page;

  @Option(names = "--per-page")
  Integer perPage;

  @Option(names = "--all", description = "Every page, fetched as the output goes.")
  boolean all;

  @Override
  public Integer call() {
    ComposeQuery query =
        ComposeQuery.all()
            .owner(owner)
            .sourceType(sourceType == null ? null : SourceType.parse(sourceType))
            .source(source)
            .state(state == null ? null : ComposeState.parse(state))
            .kojiTaskId(kojiTaskId)
            .pungiComposeId(pungiComposeId)
            .composeType(composeType)
            .label(label)
            .orderBy(orderBy)
            .page(page)
            .perPage(perPage);
    Output out = new Output(spec.commandLine().getOut(), odcs.json);
    if (all) {
      out.table(odcs.client().listAll(query).toList());
    } else {
      Page one = odcs.client().list(query);
      out.table(one.items());
      if (!odcs.json && one.pages() > 1) {
        spec.commandLine()
            .getErr()
            .printf(
                "page %d of %d (%d composes); --all for every page%n",
                one.page(), one.pages(), one.total());
        spec.commandLine().getErr().flush();
      }
    }
    return 0;
  }
}
