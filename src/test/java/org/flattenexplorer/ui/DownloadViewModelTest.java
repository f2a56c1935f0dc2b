package org.flattenexplorer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.flattenexplorer.data.AclImdbReader;
import org.flattenexplorer.data.ImdbDownloader;
import org.flattenexplorer.data.LocalArchiveServer;
import org.flattenexplorer.data.TestArchive;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.ui.task.CurrentThreadTaskExecutor;
import org.flattenexplorer.ui.viewmodel.ExplorerViewModel;
import org.flattenexplorer.ui.viewmodel.UiSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's download extracts every review of the archive (a small one, served from 127.0.0.1), not a subset. */
class DownloadViewModelTest {
    @TempDir
    Path temp;

    @Test
    void theDownloadKeepsEveryReviewAndTheSizeSpinnersGoUpToThem() throws Exception {
        TestArchive archive = new TestArchive(40);
        Path dataFolder = temp.resolve("data/aclImdb");
        ExplorerViewModel vm = new ExplorerViewModel(new CurrentThreadTaskExecutor(), new RunStore(temp.resolve("runs")),
                UiSettings.inMemory(), dataFolder);
        try (LocalArchiveServer server = new LocalArchiveServer(archive.bytes)) {
            vm.data().download(new ImdbDownloader(server.uri(), archive.bytes.length, archive.sha256()));
        }

        assertThat(vm.data().downloadTextProperty().get()).startsWith("Downloaded to");
        assertThat(AclImdbReader.counts(dataFolder)).containsValues(40, 40, 40, 40);
        assertThat(vm.data().countsProperty().get()).isEqualTo("train: 40 pos · 40 neg    test: 40 pos · 40 neg");
        assertThat(vm.data().availableReviewsProperty().get()).isEqualTo(80);
        vm.architecture().valSizeProperty().set(20);
        assertThat(vm.architecture().maxTrainSize().get()).isEqualTo(60);
    }
}
