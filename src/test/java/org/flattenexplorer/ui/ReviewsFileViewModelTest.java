package org.flattenexplorer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.flattenexplorer.data.DataLocator;
import org.flattenexplorer.data.Review;
import org.flattenexplorer.data.SyntheticReviews;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.ui.task.CurrentThreadTaskExecutor;
import org.flattenexplorer.ui.viewmodel.DataViewModel;
import org.flattenexplorer.ui.viewmodel.DataViewModel.FileQuestion;
import org.flattenexplorer.ui.viewmodel.ExplorerViewModel;
import org.flattenexplorer.ui.viewmodel.UiSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File > Open reviews: the questions a file raises, answered; the file then trains like any data. */
class ReviewsFileViewModelTest {
    @TempDir
    Path temp;
    private ExplorerViewModel vm;
    private UiSettings settings;

    @BeforeEach
    void setUp() {
        settings = new UiSettings(temp.resolve("ui.properties"));
        vm = new ExplorerViewModel(new CurrentThreadTaskExecutor(), new RunStore(temp.resolve("runs")), settings,
                temp.resolve("data"));
    }

    /** n synthetic reviews with the labels "good" and "bad", one unreadable row, columns "opinion" and "verdict". */
    private Path file(int n) throws Exception {
        StringBuilder csv = new StringBuilder("id,opinion,verdict\n");
        int i = 0;
        for (Review r : SyntheticReviews.generate("train", n, 9)) {
            csv.append(i++).append(",\"").append(r.text()).append("\",").append(r.labelValue() == 1 ? "good" : "bad")
                    .append('\n');
        }
        csv.append("999,an unquoted, comma,good\n");
        return Files.writeString(temp.resolve("opinions.csv"), csv);
    }

    @Test
    void columnsLabelsAndBadRowsAreAskedThenTheFileIsUsed() throws Exception {
        DataViewModel data = vm.data();
        data.chooseFile(file(200));

        FileQuestion columns = data.questionProperty().get();
        assertThat(columns.kind()).isEqualTo(FileQuestion.Kind.COLUMNS);
        assertThat(columns.options()).containsExactly("id", "opinion", "verdict");
        assertThat(columns.message()).contains("has no text column");
        data.answerColumns(columns, "opinion", "verdict");

        FileQuestion labels = data.questionProperty().get();
        assertThat(labels.kind()).isEqualTo(FileQuestion.Kind.POSITIVE_LABEL);
        assertThat(labels.options()).containsExactlyInAnyOrder("good", "bad");
        data.answerPositiveLabel(labels, "good");

        FileQuestion badRows = data.questionProperty().get();
        assertThat(badRows.kind()).isEqualTo(FileQuestion.Kind.SKIP_BAD_ROWS);
        assertThat(badRows.message()).contains("line 202: 4 fields where the header has 3");
        assertThat(data.hasDataProperty().get()).isFalse();
        data.answerSkipBadRows(badRows);

        assertThat(data.questionProperty().get()).isNull();
        assertThat(data.hasDataProperty().get()).isTrue();
        assertThat(data.usesFileProperty().get()).isTrue();
        assertThat(data.countsProperty().get()).contains("200 reviews: 100 positive · 100 negative")
                .contains("columns opinion, verdict; labels good/bad").contains("20% held out for testing")
                .contains("skipped 1 bad row of opinions.csv (line 202");
        assertThat(data.availableReviewsProperty().get()).isEqualTo(160);
        vm.architecture().valSizeProperty().set(40);
        assertThat(vm.architecture().maxTrainSize().get()).isEqualTo(120); // the size spinners' ceilings
        vm.architecture().trainSizeProperty().set(100);
        assertThat(vm.architecture().maxValSize().get()).isEqualTo(60);

        // the same file comes back after a restart, read the same way, with no question
        ExplorerViewModel again = new ExplorerViewModel(new CurrentThreadTaskExecutor(),
                new RunStore(temp.resolve("runs")), new UiSettings(temp.resolve("ui.properties")), temp.resolve("data"));
        again.data().locate(new DataLocator(k -> null, temp), Optional.empty());
        assertThat(again.data().questionProperty().get()).isNull();
        assertThat(again.data().countsProperty().get()).contains("200 reviews").contains("labels good/bad");
    }

    @Test
    void aTinyRunTrainsOnTheFileAndItsLogNamesTheSkippedRow() throws Exception {
        DataViewModel data = vm.data();
        data.chooseFile(file(200));
        data.answerColumns(data.questionProperty().get(), "opinion", "verdict");
        data.answerPositiveLabel(data.questionProperty().get(), "good");
        data.answerSkipBadRows(data.questionProperty().get());
        vm.architecture().load(TinySpecs.flatten().toBuilder().trainSize(100).valSize(40).build());

        vm.trainCurrent();

        assertThat(vm.training().log()).anyMatch(l -> l.startsWith("Note: skipped 1 bad row of opinions.csv"));
        assertThat(vm.training().epochs()).as(String.join("\n", vm.training().log())).hasSize(2);
        assertThat(vm.runs().runs()).hasSize(1);
    }

    @Test
    void aDismissedQuestionKeepsTheDataInUse() throws Exception {
        DataViewModel data = vm.data();
        data.useSynthetic();
        data.chooseFile(file(50));

        data.cancelQuestion(data.questionProperty().get());

        assertThat(data.sourceProperty().get()).startsWith("Synthetic reviews");
        assertThat(data.messageProperty().get()).startsWith("Not opened: opinions.csv");
        assertThat(data.usesFileProperty().get()).isFalse();
    }
}
