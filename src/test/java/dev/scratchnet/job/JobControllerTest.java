package dev.scratchnet.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.scratchnet.dataset.Dataset;
import dev.scratchnet.dataset.DatasetCatalog;
import dev.scratchnet.dataset.DatasetInfo;
import dev.scratchnet.storage.ScratchnetProperties;

/** {@code POST /jobs} refusals as problem+json naming the field, with the queue mocked: no training runs here. */
@WebMvcTest(JobController.class)
@Import({JobLimits.class, JobControllerTest.Properties.class})
class JobControllerTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @TestConfiguration
    @EnableConfigurationProperties(ScratchnetProperties.class)
    static class Properties {
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    DatasetCatalog catalog;
    @MockitoBean
    JobRegistry registry;
    @MockitoBean
    JobQueue queue;
    @MockitoBean
    JobEvents events;

    @BeforeEach
    void datasets() {
        when(catalog.names()).thenReturn(List.of("mnist", "and", "or", "nand", "xor"));
        when(catalog.info("mnist")).thenReturn(info("mnist", 60_000, 784, 10));
        when(catalog.info("xor")).thenReturn(info("xor", 4, 2, 2));
    }

    /** Each body, the field its 400 must name, and a word its detail must contain. */
    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("{\"dataset\":\"cifar\"}", "dataset", "cifar"),
                Arguments.of("{\"hiddenSizes\":[50,0]}", "hiddenSizes[1]", "4096"),
                Arguments.of("{\"hiddenSizes\":[-3]}", "hiddenSizes[0]", "layer size"),
                Arguments.of("{\"hiddenSizes\":[5000]}", "hiddenSizes[0]", "4096"),
                Arguments.of("{\"hiddenSizes\":[null]}", "hiddenSizes[0]", "layer size"),
                Arguments.of("{\"hiddenSizes\":[1,1,1,1,1,1,1,1,1,1,1]}", "hiddenSizes", "at most 10"),
                Arguments.of("{\"hiddenSizes\":50}", "hiddenSizes", "array"),
                Arguments.of("{\"hiddenSizes\":[1,\"a\"]}", "hiddenSizes[1]", "integer"),
                Arguments.of("{\"hiddenSizes\":[1,99999999999]}", "hiddenSizes[1]", "range"),
                Arguments.of("{\"batchSize\":0}", "batchSize", "[1, 100000]"),
                Arguments.of("{\"batchSize\":1000000}", "batchSize", "[1, 100000]"),
                Arguments.of("{\"batchSize\":1.5}", "batchSize", "integer"),
                Arguments.of("{\"batchSize\":\"100\"}", "batchSize", "integer"),
                Arguments.of("{\"batchSize\":10000000000}", "batchSize", "range"),
                Arguments.of("{\"epochs\":0}", "epochs", "[1, 10000]"),
                Arguments.of("{\"epochs\":20000}", "epochs", "[1, 10000]"),
                Arguments.of("{\"trainLimit\":0}", "trainLimit", "[1, 60000]"),
                Arguments.of("{\"trainLimit\":60001}", "trainLimit", "[1, 60000]"),
                Arguments.of("{\"learningRate\":0}", "learningRate", "finite"),
                Arguments.of("{\"learningRate\":-0.1}", "learningRate", "finite"),
                Arguments.of("{\"learningRate\":\"NaN\"}", "learningRate", "NaN"),
                Arguments.of("{\"learningRate\":1e999}", "learningRate", "Infinity"),
                Arguments.of("{\"learningRate\":1000}", "learningRate", "(0, 100]"),
                Arguments.of("{\"weightInitStd\":0}", "weightInitStd", "finite"),
                Arguments.of("{\"weightInitStd\":\"-Infinity\"}", "weightInitStd", "finite"),
                Arguments.of("{\"activation\":\"swish\"}", "activation", "sigmoid, relu, tanh"),
                Arguments.of("{\"activation\":\"step\"}", "activation", "derivative is 0 almost everywhere"),
                Arguments.of("{\"activation\":\"softmax\"}", "activation", "output layer"),
                Arguments.of("{\"activation\":5}", "activation", "string"),
                Arguments.of("{\"outputActivation\":\"step\"}", "outputActivation", "derivative is 0"),
                Arguments.of("{\"outputActivation\":\"relu\"}", "outputActivation", "softmax, identity, sigmoid"),
                Arguments.of("{\"outputActivation\":\"identity\"}", "outputActivation", "sum_squares"),
                Arguments.of("{\"outputActivation\":\"sigmoid\"}", "loss", "probabilities"),
                Arguments.of("{\"loss\":\"hinge\"}", "loss", "cross_entropy, sum_squares"),
                Arguments.of("{\"optimizer\":\"rmsprop\"}", "optimizer", "sgd, momentum, adagrad, adam"),
                Arguments.of("{\"sampling\":\"stratified\"}", "sampling", "with_replacement, shuffle"),
                Arguments.of("{\"weightInit\":\"zeros\"}", "weightInit", "normal, xavier, he"),
                Arguments.of("{\"gradient\":\"symbolic\"}", "gradient", "backprop, numerical"),
                Arguments.of("{\"gradient\":\"numerical\"}", "gradient", "two forward passes"),
                Arguments.of("{\"gradientCheck\":1}", "gradientCheck", "true or false"),
                Arguments.of("{\"hiddenSizes\":[400],\"gradientCheck\":true}", "gradientCheck", "318010 parameters"),
                Arguments.of("{\"earlyStopping\":{}}", "earlyStopping.patience", "[1, 10000]"),
                Arguments.of("{\"earlyStopping\":{\"patience\":0}}", "earlyStopping.patience", "[1, 10000]"),
                Arguments.of("{\"earlyStopping\":3}", "earlyStopping", "patience"),
                Arguments.of("{\"earlyStopping\":{\"patience\":2,\"delta\":1}}", "earlyStopping.delta", "Unknown"),
                Arguments.of("{\"seed\":1.5}", "seed", "integer"),
                Arguments.of("{\"epoch\":3}", "epoch", "Unknown field"),
                Arguments.of("{\"epochs\":2,\"epochs\":9000}", "epochs", "Duplicate field 'epochs'"),
                Arguments.of("{\"earlyStopping\":{\"patience\":2,\"patience\":3}}", "earlyStopping.patience",
                        "Duplicate"),
                Arguments.of("{\"hiddenSizes\":[4096,4096,4096,4096,4096,4096,4096,4096,4096,4096]}", "hiddenSizes",
                        "maximum heap"),
                Arguments.of("{\"dataset\":\"xor\",\"trainLimit\":5}", "trainLimit", "[1, 4]"));
    }

    @ParameterizedTest(name = "{0} names {1}")
    @MethodSource("invalidBodies")
    void invalidFieldIsProblemNamingIt(String body, String field, String detail) throws Exception {
        mvc.perform(post("/jobs").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)))
                .andExpect(jsonPath("$.detail", containsString(detail)));
        verify(queue, never()).submit(any(), any());
    }

    @Test
    void everyInvalidCaseWasTried() {
        assertThat(invalidBodies().count()).isGreaterThan(40);
    }

    @Test
    void stepIsRefusedWithTheBooksReasonAndTheAllowedActivations() throws Exception {
        mvc.perform(post("/jobs").contentType(MediaType.APPLICATION_JSON).content("{\"activation\":\"step\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].rejected").value("step"))
                .andExpect(jsonPath("$.errors[0].allowed").value(org.hamcrest.Matchers.contains("sigmoid", "relu",
                        "tanh")))
                .andExpect(jsonPath("$.detail").value("activation 'step' cannot be trained: its derivative is 0 "
                        + "almost everywhere, so gradient descent gets no signal (DLfS ch. 3-4)"));
    }

    @Test
    void unknownFieldListsTheKnownOnes() throws Exception {
        mvc.perform(post("/jobs").contentType(MediaType.APPLICATION_JSON).content("{\"epoch\":3}"))
                .andExpect(jsonPath("$.errors[0].allowed", hasItem("epochs")))
                .andExpect(jsonPath("$.errors[0].allowed", hasItem("hiddenSizes")));
    }

    @Test
    void oneProblemNamesEveryFieldAtFault() throws Exception {
        mvc.perform(post("/jobs").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"batchSize\":0,\"epochs\":0,\"optimizer\":\"x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "batchSize", "epochs", "optimizer")));
    }

    @Test
    void numericalGradientIsAllowedForSmallNetworks() throws Exception {
        acceptAnything();
        mvc.perform(post("/jobs").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"dataset\":\"xor\",\"hiddenSizes\":[8],\"gradient\":\"numerical\"}"))
                .andExpect(status().isAccepted());
    }

    @Test
    void malformedJsonIsBadRequestProblem() throws Exception {
        mvc.perform(post("/jobs").contentType(MediaType.APPLICATION_JSON).content("{\"epochs\": 2"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("not valid JSON")));
        mvc.perform(post("/jobs").contentType(MediaType.APPLICATION_JSON).content("[1]"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON));
        verify(queue, never()).submit(any(), any());
    }

    @Test
    void oversizedBodyIsContentTooLarge() throws Exception {
        String body = "{\"dataset\":\"" + "x".repeat(JobRequestReader.MAX_BYTES) + "\"}";
        mvc.perform(post("/jobs").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is(413))
                .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON));
    }

    @Test
    void bodyThatIsNotJsonIsUnsupportedMediaType() throws Exception {
        mvc.perform(post("/jobs").contentType(MediaType.TEXT_PLAIN).content("epochs=2"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON));
    }

    @Test
    void badIdempotencyKeyIsNamed() throws Exception {
        mvc.perform(post("/jobs").header(JobController.IDEMPOTENCY_KEY, "two words"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
    }

    @Test
    void noBodyAsksForTheBooksDefaults() throws Exception {
        acceptAnything();
        mvc.perform(post("/jobs").contentType(MediaType.APPLICATION_FORM_URLENCODED))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/jobs/j1-test"));

        ArgumentCaptor<JobConfig> submitted = ArgumentCaptor.forClass(JobConfig.class);
        verify(queue).submit(submitted.capture(), isNull());
        assertThat(submitted.getValue()).isEqualTo(new JobConfig("mnist", List.of(50), "sigmoid", "softmax",
                "cross_entropy", "sgd", 0.1, 100, 17, "with_replacement", "normal", 0.01, "backprop", false, null,
                null, null));
    }

    @Test
    void retryWithTheSameKeyAnswersOkWithTheFirstJob() throws Exception {
        TrainingJob job = job();
        when(queue.submit(any(), eq("k-1"))).thenReturn(new JobQueue.Submission(job, job.view(), false));
        mvc.perform(post("/jobs").header(JobController.IDEMPOTENCY_KEY, "k-1"))
                .andExpect(status().isOk())
                .andExpect(header().string("Location", "/jobs/j1-test"))
                .andExpect(jsonPath("$.id").value("j1-test"));
    }

    private void acceptAnything() {
        TrainingJob job = job();
        when(queue.submit(any(), any())).thenReturn(new JobQueue.Submission(job, job.view(), true));
    }

    private TrainingJob job() {
        JobConfig config = new JobConfig(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, 1L).withDefaults();
        return new TrainingJob(JobRecord.queued("j1-test", 1, config, Instant.now(), null, "digest"), null, events);
    }

    private static DatasetInfo info(String name, int trainSize, int inputSize, int classes) {
        return new DatasetInfo(name, Dataset.Source.BUILT_IN, true, trainSize, 10, inputSize, classes, List.of(),
                "built in", null, null, null);
    }
}
