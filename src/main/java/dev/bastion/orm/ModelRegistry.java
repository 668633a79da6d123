package dev.bastion.orm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Version;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.PluralAttribute;
import jakarta.persistence.metamodel.SingularAttribute;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Member;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every business model of the deployment, read once from the JPA metamodel and the
 * {@link Model}/{@link Field} annotations: adding an annotated entity to the WAR is all it
 * takes to expose it.
 */
@ApplicationScoped
public class ModelRegistry {

    @Inject
    EntityManager em;

    private volatile Map<String, ModelInfo> models;

    /** Models by technical name, sorted. */
    public Map<String, ModelInfo> all() {
        Map<String, ModelInfo> loaded = models;
        if (loaded == null) {
            loaded = load();
            models = loaded;
        }
        return loaded;
    }

    /**
     * The model named {@code name}.
     *
     * @throws InvalidRequest naming it, with the nearest known name
     */
    public ModelInfo require(String name) {
        ModelInfo model = all().get(name);
        if (model == null) {
            throw new InvalidRequest("Unknown model '" + name + "'" + ModelInfo.didYouMean(name, List.copyOf(all().keySet())));
        }
        return model;
    }

    /** The model of an entity class, if it is one. */
    public Optional<ModelInfo> ofEntity(Class<?> entity) {
        return all().values().stream().filter(m -> m.entity().equals(entity)).findFirst();
    }

    private Map<String, ModelInfo> load() {
        Map<Class<?>, String> names = new LinkedHashMap<>();
        for (EntityType<?> type : em.getMetamodel().getEntities()) {
            Model model = type.getJavaType().getAnnotation(Model.class);
            if (model != null) {
                names.put(type.getJavaType(), model.name());
            }
        }
        Map<String, ModelInfo> result = new TreeMap<>();
        for (EntityType<?> type : em.getMetamodel().getEntities()) {
            Model model = type.getJavaType().getAnnotation(Model.class);
            if (model == null) {
                continue;
            }
            Map<String, FieldInfo> fields = new LinkedHashMap<>();
            for (Attribute<?, ?> attribute : declarationOrder(type)) {
                fieldOf(attribute, names).ifPresent(f -> fields.put(f.name(), f));
            }
            result.put(model.name(), new ModelInfo(model.name(), model.label(), model.description(), model.order(),
                    model.module(), model.recName(), model.readOnly(), type.getJavaType(), fields));
        }
        return java.util.Collections.unmodifiableMap(result);
    }

    /** Attributes in the order the entity declares them (the metamodel's order is unspecified). */
    private static List<Attribute<?, ?>> declarationOrder(EntityType<?> type) {
        List<String> declared = new ArrayList<>();
        for (Class<?> c = type.getJavaType(); c != null && c != Object.class; c = c.getSuperclass()) {
            List<String> own = Arrays.stream(c.getDeclaredFields()).map(java.lang.reflect.Field::getName).toList();
            declared.addAll(0, own);
        }
        List<Attribute<?, ?>> attributes = new ArrayList<>(type.getAttributes());
        attributes.sort(Comparator.comparingInt(a -> {
            int i = declared.indexOf(a.getName());
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        return attributes;
    }

    private static Optional<FieldInfo> fieldOf(Attribute<?, ?> attribute, Map<Class<?>, String> models) {
        Member member = attribute.getJavaMember();
        AnnotatedElement element = member instanceof AnnotatedElement a ? a : null;
        Field field = element == null ? null : element.getAnnotation(Field.class);
        if ((field != null && !field.exposed()) || (element != null && element.isAnnotationPresent(Version.class))) {
            return Optional.empty();
        }
        boolean id = attribute instanceof SingularAttribute<?, ?> s && s.isId();
        Class<?> javaType = attribute instanceof PluralAttribute<?, ?, ?> p
                ? p.getElementType().getJavaType() : attribute.getJavaType();
        FieldType type = field != null && field.type() != FieldType.AUTO ? field.type() : derive(attribute, javaType);
        String name = id ? "id" : field != null && !field.name().isEmpty() ? field.name() : technicalName(attribute.getName(), type);
        String relation = type == FieldType.MANY2ONE || type == FieldType.ONE2MANY || type == FieldType.MANY2MANY
                ? models.get(javaType) : null;
        if ((type == FieldType.MANY2ONE || type == FieldType.ONE2MANY || type == FieldType.MANY2MANY) && relation == null) {
            return Optional.empty();
        }
        boolean required = id || (field != null && field.required())
                || (attribute instanceof SingularAttribute<?, ?> s && !s.isOptional() && !javaType.isPrimitive()
                && type != FieldType.BOOLEAN);
        String label = field != null && !field.label().isEmpty() ? field.label() : label(attribute.getName());
        List<String> selection = field == null ? List.of() : List.of(field.selection());
        if (selection.isEmpty() && javaType.isEnum()) {
            selection = Arrays.stream(javaType.getEnumConstants()).map(e -> ((Enum<?>) e).name().toLowerCase(Locale.ROOT)).toList();
        }
        return Optional.of(new FieldInfo(name, attribute.getName(), type, id ? "ID" : label,
                field == null ? "" : field.help(), required && !id, id || (field != null && (field.readonly() || field.computed())),
                field != null && field.computed(), selection, relation, javaType));
    }

    private static FieldType derive(Attribute<?, ?> attribute, Class<?> javaType) {
        switch (attribute.getPersistentAttributeType()) {
            case MANY_TO_ONE, ONE_TO_ONE:
                return FieldType.MANY2ONE;
            case ONE_TO_MANY:
                return FieldType.ONE2MANY;
            case MANY_TO_MANY:
                return FieldType.MANY2MANY;
            default:
                break;
        }
        if (javaType == String.class) {
            return FieldType.CHAR;
        }
        if (javaType == Integer.class || javaType == int.class || javaType == Long.class || javaType == long.class
                || javaType == Short.class || javaType == short.class) {
            return FieldType.INTEGER;
        }
        if (Number.class.isAssignableFrom(javaType) || javaType == double.class || javaType == float.class) {
            return FieldType.FLOAT;
        }
        if (javaType == Boolean.class || javaType == boolean.class) {
            return FieldType.BOOLEAN;
        }
        if (javaType == LocalDate.class) {
            return FieldType.DATE;
        }
        if (javaType == LocalDateTime.class) {
            return FieldType.DATETIME;
        }
        if (javaType == byte[].class) {
            return FieldType.BINARY;
        }
        if (javaType.isEnum()) {
            return FieldType.SELECTION;
        }
        return FieldType.CHAR;
    }

    /** {@code partner} → {@code partner_id}, {@code lines} → {@code line_ids}, {@code dateOrder} → {@code date_order}. */
    static String technicalName(String attribute, FieldType type) {
        String snake = attribute.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        return switch (type) {
            case MANY2ONE -> snake.endsWith("_id") ? snake : snake + "_id";
            case ONE2MANY, MANY2MANY -> snake.endsWith("_ids") ? snake
                    : (snake.endsWith("s") ? snake.substring(0, snake.length() - 1) : snake) + "_ids";
            default -> snake;
        };
    }

    private static String label(String attribute) {
        String words = attribute.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
