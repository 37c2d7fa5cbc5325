package dev.scratchnet.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.scratchnet.ServiceClient.json;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import dev.scratchnet.ScratchnetApplication;
import dev.scratchnet.ServiceClient;
import dev.scratchnet.ServiceClient.Form;
import dev.scratchnet.ServiceHome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** {@code /datasets} over real HTTP: uploads, their refusals as problem+json, deletes, and a restart. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "scratchnet.datasets.upload.max-bytes=64KB",
        "scratchnet.datasets.upload.max-rows=40",
        "scratchnet.datasets.upload.max-columns=20"})
@ServiceHome.Fresh
class DatasetControllerTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String OCTET_STREAM = "application/octet-stream";

    /** Iris-like: four features, three classes, fifteen rows. */
    private static final String SHAPES_CSV = """
            sepal_length,sepal_width,species,petal_length,petal_width
            5.1,3.5,setosa,1.4,0.2
            4.9,3.0,setosa,1.4,0.2
            4.7,3.2,setosa,1.3,0.2
            4.6,3.1,setosa,1.5,0.2
            5.0,3.6,setosa,1.4,0.2
            7.0,3.2,versicolor,4.7,1.4
            6.4,3.2,versicolor,4.5,1.5
            6.9,3.1,versicolor,4.9,1.5
            5.5,2.3,versicolor,4.0,1.3
            6.5,2.8,versicolor,4.6,1.5
            6.3,3.3,virginica,6.0,2.5
            5.8,2.7,virginica,5.1,1.9
            7.1,3.0,virginica,5.9,2.1
            6.3,2.9,virginica,5.6,1.8
            6.5,3.0,virginica,5.8,2.2
            """;

    private static final Path home = ServiceHome.of(DatasetControllerTest.class);

    @LocalServerPort
    int port;

    @Autowired
    DatasetCatalog catalog;

    private ServiceClient client;

    @BeforeEach
    void connect() {
        client = new ServiceClient(port);
    }

    @Test
    void csvUploadIsStoredListedAndStandardised() throws Exception {
        HttpResponse<String> response = post(new Form().field("name", "iris").field("label", "species")
                .file("file", "iris.csv", OCTET_STREAM, SHAPES_CSV.getBytes(StandardCharsets.UTF_8)));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).hasValue("/datasets/iris");
        JsonNode body = json(response);
        assertThat(body.get("source").asString()).isEqualTo("uploaded");
        assertThat(body.get("trainSize").asInt()).isEqualTo(12);
        assertThat(body.get("testSize").asInt()).isEqualTo(3);
        assertThat(body.get("inputSize").asInt()).isEqualTo(4);
        assertThat(body.get("classNames").toString()).isEqualTo("[\"setosa\",\"versicolor\",\"virginica\"]");
        assertThat(json(get("/datasets/iris")).get("trainSize").asInt()).isEqualTo(12);
        assertThat(json(get("/datasets")).findValuesAsString("name")).contains("mnist", "fashion-mnist", "iris");
        assertThat(home.resolve("datasets/uploaded/iris/file")).exists();

        Dataset iris = catalog.get("iris");
        double[] column = new double[iris.train().size()];
        double[] row = new double[4];
        for (int i = 0; i < column.length; i++) {
            iris.train().copyFeatures(i, row, 0);
            column[i] = row[0];
        }
        assertThat(Arrays.stream(column).average().orElseThrow()).isCloseTo(0.0, within(1e-12));
        double[] raw = {5.1, 3.5, 1.4, 0.2};
        assertThat(iris.scaling().apply(raw)[0]).isCloseTo((5.1 - iris.scaling().mean()[0])
                / iris.scaling().standardDeviation()[0], within(1e-12));
    }

    @Test
    void heldOutSplitFollowsFractionAndSeed() throws Exception {
        HttpResponse<String> response = post(new Form().field("name", "iris-half").field("label", "species")
                .field("testFraction", "0.4").field("seed", "7")
                .file("file", "iris.csv", OCTET_STREAM, SHAPES_CSV.getBytes(StandardCharsets.UTF_8)));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).get("testSize").asInt()).isEqualTo(6);
    }

    @Test
    void idxQuadrupleUploadKeepsItsTestSplit() throws Exception {
        HttpResponse<String> response = post(new Form().field("name", "tiny-idx")
                .file("images", "train-images", OCTET_STREAM, IdxBytes.gzip(IdxBytes.images(6, 3, 2)))
                .file("labels", "train-labels", OCTET_STREAM, IdxBytes.labels(0, 1, 2, 0, 1, 2))
                .file("testImages", "test-images", OCTET_STREAM, IdxBytes.images(2, 3, 2))
                .file("testLabels", "test-labels", OCTET_STREAM, IdxBytes.gzip(IdxBytes.labels(2, 1))));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = json(response);
        assertThat(body.get("trainSize").asInt()).isEqualTo(6);
        assertThat(body.get("testSize").asInt()).isEqualTo(2);
        assertThat(body.get("inputSize").asInt()).isEqualTo(6);
        assertThat(body.get("classNames").toString()).isEqualTo("[\"0\",\"1\",\"2\"]");
    }

    @Test
    void idxPairUploadHoldsOutATestSplit() throws Exception {
        HttpResponse<String> response = post(new Form().field("name", "tiny-pair").field("testFraction", "0.25")
                .file("images", "i", OCTET_STREAM, IdxBytes.images(8, 2, 2))
                .file("labels", "l", OCTET_STREAM, IdxBytes.labels(0, 1, 0, 1, 0, 1, 0, 1)));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).get("trainSize").asInt()).isEqualTo(6);
        assertThat(json(response).get("testSize").asInt()).isEqualTo(2);
    }

    @Test
    void nonNumericCellIsUnprocessableNamingRowAndColumn() throws Exception {
        String csv = SHAPES_CSV.replace("4.7,3.2,setosa", "4.7,abc,setosa");

        HttpResponse<String> response = post(new Form().field("name", "broken").field("label", "species")
                .file("file", "broken.csv", OCTET_STREAM, csv.getBytes(StandardCharsets.UTF_8)));

        assertProblem(response, 422);
        JsonNode body = json(response);
        assertThat(body.get("detail").asString()).isEqualTo("row 4, column 2 (sepal_width): 'abc' is not a number");
        assertThat(body.get("row").asInt()).isEqualTo(4);
        assertThat(body.get("column").asString()).isEqualTo("sepal_width");
        assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("file");
        assertThat(body.get("errors").get(0).get("rejected").asString()).isEqualTo("abc");
        assertThat(body.get("instance").asString()).isEqualTo("/datasets");
        assertThat(home.resolve("datasets/uploaded/broken")).doesNotExist();
    }

    @Test
    void rowWithMissingFieldIsUnprocessable() throws Exception {
        String csv = SHAPES_CSV.replace("6.4,3.2,versicolor,4.5,1.5", "6.4,3.2,versicolor,4.5");

        HttpResponse<String> response = post(new Form().field("name", "short-row").field("label", "species")
                .file("file", "x.csv", OCTET_STREAM, csv.getBytes(StandardCharsets.UTF_8)));

        assertProblem(response, 422);
        assertThat(json(response).get("detail").asString()).isEqualTo("row 8 has 4 fields but the header has 5");
    }

    @Test
    void unknownLabelColumnIsUnprocessableListingTheHeader() throws Exception {
        HttpResponse<String> response = post(new Form().field("name", "no-label").field("label", "class")
                .file("file", "x.csv", OCTET_STREAM, SHAPES_CSV.getBytes(StandardCharsets.UTF_8)));

        assertProblem(response, 422);
        JsonNode error = json(response).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("label");
        assertThat(error.get("allowed").toString()).contains("\"species\"", "\"sepal_length\"");
    }

    @Test
    void badIdxLabelsAreUnprocessableNamingThePart() throws Exception {
        HttpResponse<String> response = post(new Form().field("name", "bad-idx")
                .file("images", "i", OCTET_STREAM, IdxBytes.images(3, 2, 2))
                .file("labels", "l", OCTET_STREAM, IdxBytes.labels(0, 1))
                .field("testFraction", "0.3"));

        assertProblem(response, 422);
        assertThat(json(response).get("detail").asString()).isEqualTo("images: has 3 images but labels has 2 labels");
        assertThat(json(response).get("errors").get(0).get("field").asString()).isEqualTo("images");
    }

    @Test
    void cellTooLargeToStandardiseIsUnprocessableNamingRowAndColumn() throws Exception {
        String csv = SHAPES_CSV.replace("4.7,3.2,setosa", "1e200,3.2,setosa");

        HttpResponse<String> response = post(new Form().field("name", "huge-cell").field("label", "species")
                .file("file", "huge.csv", OCTET_STREAM, csv.getBytes(StandardCharsets.UTF_8)));

        assertProblem(response, 422);
        JsonNode body = json(response);
        assertThat(body.get("detail").asString()).startsWith("row 4, column 1 (sepal_length): '1e200' is larger");
        assertThat(body.get("row").asInt()).isEqualTo(4);
        assertThat(body.get("column").asString()).isEqualTo("sepal_length");
        assertThat(body.get("errors").get(0).get("rejected").asString()).isEqualTo("1e200");
        assertThat(home.resolve("datasets/uploaded/huge-cell")).doesNotExist();
    }

    @Test
    void labelsHeaderPromisingTwoBillionLabelsIsContentTooLarge() throws Exception {
        byte[] hostile = IdxBytes.file(IdxReader.LABELS_MAGIC, new int[] {2_000_000_000}, new byte[14]);

        HttpResponse<String> labels = post(new Form().field("name", "hostile-labels")
                .file("images", "i", OCTET_STREAM, IdxBytes.images(2, 2, 2))
                .file("labels", "l", OCTET_STREAM, hostile));
        HttpResponse<String> testLabels = post(new Form().field("name", "hostile-test-labels")
                .file("images", "i", OCTET_STREAM, IdxBytes.images(4, 2, 2))
                .file("labels", "l", OCTET_STREAM, IdxBytes.labels(0, 1, 0, 1))
                .file("testImages", "ti", OCTET_STREAM, IdxBytes.images(2, 2, 2))
                .file("testLabels", "tl", OCTET_STREAM, IdxBytes.gzip(hostile)));

        assertProblem(labels, 413);
        assertThat(field(labels)).isEqualTo("labels");
        assertThat(json(labels).get("detail").asString()).isEqualTo("labels holds 2000000000 labels, more than 40 "
                + "(scratchnet.datasets.upload.max-rows)");
        assertProblem(testLabels, 413);
        assertThat(field(testLabels)).isEqualTo("testLabels");
        assertThat(get("/datasets").statusCode()).isEqualTo(200);
        assertThat(home.resolve("datasets/uploaded/hostile-labels")).doesNotExist();
    }

    @Test
    void tooManyRowsIsContentTooLarge() throws Exception {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 41; i++) {
            csv.append(i).append(',').append(i % 2).append('\n');
        }

        HttpResponse<String> response = post(new Form().field("name", "long").field("label", "y")
                .file("file", "long.csv", OCTET_STREAM, csv.toString().getBytes(StandardCharsets.UTF_8)));

        assertProblem(response, 413);
        assertThat(json(response).get("detail").asString()).contains("more than 40 data rows");
    }

    @Test
    void tooManyColumnsIsContentTooLarge() throws Exception {
        HttpResponse<String> response = post(new Form().field("name", "wide")
                .file("images", "i", OCTET_STREAM, IdxBytes.images(2, 5, 5))
                .file("labels", "l", OCTET_STREAM, IdxBytes.labels(0, 1)));

        assertProblem(response, 413);
        assertThat(json(response).get("detail").asString()).contains("25 pixels per image, more than 20");
    }

    @Test
    void tooManyBytesIsContentTooLarge() throws Exception {
        byte[] big = new byte[100 * 1024];

        HttpResponse<String> response = post(new Form().field("name", "big").field("label", "y")
                .file("file", "big.csv", OCTET_STREAM, big));

        assertProblem(response, 413);
    }

    @Test
    void missingPartsAndFieldsAreBadRequestsNamingThem() throws Exception {
        HttpResponse<String> noName = post(new Form().field("label", "species")
                .file("file", "x.csv", OCTET_STREAM, SHAPES_CSV.getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> noLabel = post(new Form().field("name", "x")
                .file("file", "x.csv", OCTET_STREAM, SHAPES_CSV.getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> noLabels = post(new Form().field("name", "x").file("images", "i", OCTET_STREAM, IdxBytes.images(1, 1, 1)));
        HttpResponse<String> nothing = post(new Form().field("name", "x"));

        for (HttpResponse<String> response : List.of(noName, noLabel, noLabels, nothing)) {
            assertProblem(response, 400);
        }
        assertThat(field(noName)).isEqualTo("name");
        assertThat(field(noLabel)).isEqualTo("label");
        assertThat(field(noLabels)).isEqualTo("labels");
        assertThat(field(nothing)).isEqualTo("file");
    }

    @Test
    void testFractionOutsideTheOpenUnitIntervalIsABadRequest() throws Exception {
        HttpResponse<String> response = post(new Form().field("name", "fraction").field("label", "species")
                .field("testFraction", "1.5").file("file", "x.csv", OCTET_STREAM, SHAPES_CSV.getBytes(StandardCharsets.UTF_8)));

        assertProblem(response, 400);
        assertThat(field(response)).isEqualTo("testFraction");
    }

    @Test
    void seedThatIsNotANumberIsABadRequest() throws Exception {
        HttpResponse<String> response = post(new Form().field("name", "seedy").field("label", "species")
                .field("seed", "lucky")
                .file("file", "x.csv", OCTET_STREAM, SHAPES_CSV.getBytes(StandardCharsets.UTF_8)));

        assertProblem(response, 400);
        assertThat(field(response)).isEqualTo("seed");
        assertThat(json(response).get("detail").asString()).isEqualTo("seed must be a Long, found 'lucky'");
    }

    @Test
    void namesThatCouldLeaveTheDatasetsFolderAreRefused() throws Exception {
        int cases = 0;
        for (String name : List.of("../x", "a/b", "%2e%2e", "..", "UPPER", "-dash", "a".repeat(65))) {
            HttpResponse<String> response = post(new Form().field("name", name).field("label", "species")
                    .file("file", "x.csv", OCTET_STREAM, SHAPES_CSV.getBytes(StandardCharsets.UTF_8)));

            assertProblem(response, 400);
            assertThat(field(response)).isEqualTo("name");
            assertThat(json(response).get("errors").get(0).get("rejected").asString()).isEqualTo(name);
            cases++;
        }
        assertThat(cases).isEqualTo(7);
        assertThat(home.resolve("datasets/x")).doesNotExist();
        assertThat(home.resolve("datasets/uploaded/a")).doesNotExist();
    }

    @Test
    void takenAndBuiltInNamesAreConflicts() throws Exception {
        Form form = new Form().field("name", "twice").field("label", "species")
                .file("file", "x.csv", OCTET_STREAM, SHAPES_CSV.getBytes(StandardCharsets.UTF_8));
        assertThat(post(form).statusCode()).isEqualTo(201);

        assertProblem(post(form), 409);
        assertProblem(post(new Form().field("name", "mnist").field("label", "species")
                .file("file", "x.csv", OCTET_STREAM, SHAPES_CSV.getBytes(StandardCharsets.UTF_8))), 409);
        assertProblem(post(new Form().field("name", "fashion-mnist").field("label", "species")
                .file("file", "x.csv", OCTET_STREAM, SHAPES_CSV.getBytes(StandardCharsets.UTF_8))), 409);
    }

    @Test
    void deleteRemovesAnUploadButNotABuiltIn() throws Exception {
        assertThat(post(new Form().field("name", "doomed").field("label", "species")
                .file("file", "x.csv", OCTET_STREAM, SHAPES_CSV.getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(201);

        assertThat(delete("/datasets/doomed").statusCode()).isEqualTo(204);
        assertProblem(get("/datasets/doomed"), 404);
        assertThat(home.resolve("datasets/uploaded/doomed")).doesNotExist();
        HttpResponse<String> builtIn = delete("/datasets/mnist");
        assertProblem(builtIn, 409);
        assertThat(json(builtIn).get("detail").asString()).isEqualTo("mnist is built in and cannot be deleted; "
                + "only uploaded datasets can");
        assertProblem(delete("/datasets/doomed"), 404);
    }

    @Test
    void deleteWithTraversalDeletesNothing() throws Exception {
        Path outside = Files.createDirectories(home.resolve("datasets/keep"));

        assertProblem(delete("/datasets/%2e%2e"), 404);
        assertProblem(delete("/datasets/.."), 404);
        // Tomcat refuses an encoded slash itself, before Spring sees the request.
        assertThat(delete("/datasets/..%2Fkeep").statusCode()).isEqualTo(400);
        assertThat(outside).exists();
    }

    @Test
    void unknownDatasetIsNotFoundListingTheKnownNames() throws Exception {
        HttpResponse<String> response = get("/datasets/cifar");

        assertProblem(response, 404);
        assertThat(json(response).get("detail").asString()).startsWith("No dataset named 'cifar'; known: mnist, and");
    }

    @Test
    void uploadSurvivesARestart() throws Exception {
        assertThat(post(new Form().field("name", "kept").field("label", "species").field("seed", "3")
                .file("file", "x.csv", OCTET_STREAM, SHAPES_CSV.getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(201);
        Dataset before = catalog.get("kept");

        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(ScratchnetApplication.class)
                .run("--server.port=0", "--scratchnet.home=" + home)) {
            Dataset after = second.getBean(DatasetCatalog.class).get("kept");

            assertThat(after.train().size()).isEqualTo(before.train().size());
            assertThat(after.scaling()).isEqualTo(before.scaling());
            assertThat(after.classNames()).isEqualTo(before.classNames());
            assertThat(after.train().label(0)).isEqualTo(before.train().label(0));
        }
    }

    @Test
    void listingShowsFashionMnistAndWhereItLooksForIt() throws Exception {
        JsonNode fashion = json(get("/datasets/fashion-mnist"));

        assertThat(fashion.get("classNames").get(0).asString()).isEqualTo("T-shirt/top");
        if (fashion.get("available").asBoolean()) {
            assertThat(fashion.get("trainSize").asInt()).isEqualTo(60_000);
            assertThat(fashion.get("testSize").asInt()).isEqualTo(10_000);
        } else {
            assertThat(fashion.get("searchedPaths").toString()).contains("/usr/share/datasets/fashion-mnist");
        }
    }

    @Test
    void openApiDocumentsTheDatasetEndpoints() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode paths = json(response).get("paths");
        assertThat(paths.get("/datasets").get("post").get("requestBody").toString()).contains("multipart/form-data",
                "testImages");
        assertThat(paths.get("/datasets/{name}").has("delete")).isTrue();
        assertThat(json(response).get("components").get("schemas").get("DatasetInfo").get("example")).isNotNull();
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(PROBLEM_JSON));
        JsonNode body = json(response);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("detail").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
    }

    private static String field(HttpResponse<String> response) {
        return json(response).get("errors").get(0).get("field").asString();
    }

    private HttpResponse<String> get(String path) {
        return client.get(path);
    }

    private HttpResponse<String> delete(String path) {
        return client.delete(path);
    }

    private HttpResponse<String> post(Form form) {
        return client.post("/datasets", form);
    }
}
